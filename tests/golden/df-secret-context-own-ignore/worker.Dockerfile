FROM alpine:3.20
COPY . /srv
CMD ["/srv/run.sh"]
