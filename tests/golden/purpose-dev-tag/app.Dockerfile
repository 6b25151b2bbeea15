FROM python:3.12-slim
COPY . /srv/app
RUN chmod 777 /srv/app
CMD ["python", "-m", "app"]
