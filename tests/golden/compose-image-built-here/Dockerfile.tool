# Extends the image the tool service pulls: not its source.
FROM acme/tool:3.0
USER root
RUN apk add --no-cache curl
