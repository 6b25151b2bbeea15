#!/usr/bin/env python3
"""A stand-in Docker engine on a unix socket, for tests that need answers a
real engine cannot be made to give (rootless security options, odd API
versions, broken JSON). usage: fake-engine.py SOCKET DIR [API_VERSION]
GET /_ping answers OK with the Api-Version header; GET /vX.Y/PATH (or /PATH)
answers DIR/PATH.json (slashes and '?' turned into '_'), or 404 with the
engine's {"message": ...}. Every request line is appended to DIR.log."""
import http.server
import os
import re
import socketserver
import sys

sock, root = sys.argv[1], sys.argv[2]
version = sys.argv[3] if len(sys.argv) > 3 else "1.41"


class Handler(http.server.BaseHTTPRequestHandler):
    def address_string(self):
        return "unix"

    def log_message(self, fmt, *args):
        with open(root + ".log", "a") as f:
            f.write(self.requestline + "\n")

    def send(self, code, body, ctype="application/json"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        if version:
            self.send_header("Api-Version", version)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = re.sub(r"^/v[0-9.]+/", "/", self.path)
        if path == "/_ping":
            return self.send(200, b"OK", "text/plain")
        name = os.path.join(root, re.sub(r"[/?]", "_", path.lstrip("/")) + ".json")
        try:
            with open(name, "rb") as f:
                self.send(200, f.read())
        except OSError:
            self.send(404, b'{"message":"page not found"}')


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    # seaworthy asks up to 8 things at once; a unix socket refuses a
    # connection outright when the backlog (5 by default) is full.
    request_queue_size = 64


if os.path.exists(sock):
    os.unlink(sock)
Server(sock, Handler).serve_forever()
