export PORT=8000
