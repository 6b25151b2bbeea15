# not SW0001: acme/app:base-slim is an image package.json builds and tags
FROM acme/app:base-slim AS release
COPY dist /app
USER 1000
CMD ["node", "/app/server.js"]

# not SW0004: a stage built for testing pull requests (pr-test2)
FROM acme/app:base-slim AS pr-test2
RUN curl -fsSL https://example.com/setup.sh | sh
USER 1000
CMD ["npm", "test"]
