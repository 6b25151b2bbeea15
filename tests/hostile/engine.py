#!/usr/bin/env python3
"""A hostile stand-in Docker engine on a unix socket, for tests/hostile/run.sh.
usage: engine.py SOCKET MODE [N]
  stall    every request but /_ping waits N seconds (default 30) first
  huge     /containers/json answers 65 MiB of JSON
  endless  /images/NAME/json gives an id; /images/ID/get streams a tar that
           never ends (a member of zeros after another)
  many     N containers (default 100), each inspect answer padded to 1 MiB
Requests are served in parallel; the process runs until killed."""
import http.server
import json
import socketserver
import sys
import time
import os
import re

sock, mode = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else (30 if mode == "stall" else 100)


def tar_header(name, size):
    h = bytearray(512)
    h[0:len(name)] = name.encode()
    h[100:108] = b"0000644\0"
    h[108:116] = b"0000000\0"
    h[116:124] = b"0000000\0"
    h[124:136] = b"%011o\0" % size
    h[136:148] = b"00000000000\0"
    h[156:157] = b"0"
    h[257:263] = b"ustar\0"
    h[263:265] = b"00"
    h[148:156] = b"        "
    h[148:156] = b"%06o\0 " % sum(h)
    return bytes(h)


def inspect(i):
    return {"Id": "c%062d" % i, "Name": "/c%d" % i, "Image": "sha256:" + "0" * 64,
            "State": {"Status": "exited", "Running": False},
            "Config": {"Image": "x:1", "User": "1000"}, "HostConfig": {},
            "Padding": "x" * (1 << 20)}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def address_string(self):
        return "unix"

    def log_message(self, fmt, *args):
        pass

    def send(self, code, body):
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Api-Version", "1.41")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = re.sub(r"^/v[0-9.]+/", "/", self.path)
        if path == "/_ping":
            return self.send(200, b"OK")
        if mode == "stall":
            time.sleep(n)
            return self.send(200, b"[]")
        if mode == "huge":
            return self.send(200, b"[" + b" " * (65 << 20) + b"]")
        if mode == "endless":
            if path.endswith("/json"):
                return self.send(200, json.dumps({"Id": "sha256:" + "a" * 64, "RepoTags": []}).encode())
            self.send_response(200)
            self.send_header("Content-Type", "application/x-tar")
            self.end_headers()
            zeros = b"\0" * (1 << 20)
            k = 0
            try:
                while True:
                    self.wfile.write(tar_header("junk%d" % k, len(zeros)) + zeros)
                    k += 1
            except OSError:
                return
        if mode == "many":
            if path.startswith("/containers/json"):
                return self.send(200, json.dumps([{"Id": "c%062d" % i, "Names": ["/c%d" % i],
                                                   "Labels": {}} for i in range(n)]).encode())
            m = re.match(r"/containers/c0*(\d+)/json", path)
            if m:
                return self.send(200, json.dumps(inspect(int(m.group(1)))).encode())
            return self.send(404, b'{"message":"no such thing"}')
        self.send(404, b'{"message":"page not found"}')


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    request_queue_size = 128


if os.path.exists(sock):
    os.unlink(sock)
Server(sock, Handler).serve_forever()
