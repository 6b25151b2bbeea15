FROM python:3.12-slim
COPY . /srv/app
RUN chmod 777 /srv/app
USER 1000
CMD ["python", "-m", "app"]
