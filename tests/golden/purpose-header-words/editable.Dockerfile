# This dockerfile builds an editable install of the app.
#
# Used by the test harness. Not suitable for production use.
FROM python:3.12-slim
CMD ["python", "-m", "app"]
