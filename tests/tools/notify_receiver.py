#!/usr/bin/env python3
"""A webhook receiver for tests/cli/test_push.sh: the far end of `benchdb
serve --notify-url`, over loopback.

    notify_receiver.py PORT_FILE LOG FAILS [hang|proxy413|endless]

Listens on a free port of 127.0.0.1 and writes it to PORT_FILE. Every POST
is logged to LOG as one line: the status answered, a space, the body (a
JSON object on one line). The first FAILS requests are answered 500, the
next 200. With `hang`, no request is ever answered: a receiver that is
alive but dead to the world. With `proxy413`, every request is answered
413 with an HTML page, as a reverse proxy's body limit answers. With
`endless`, every request is logged and answered 200 with a body that never
ends (64 KiB at a time until the client closes).
"""
import http.server
import sys
import threading
import time

port_file, log_path, fails = sys.argv[1], sys.argv[2], int(sys.argv[3])
hang = len(sys.argv) > 4 and sys.argv[4] == "hang"
proxy413 = len(sys.argv) > 4 and sys.argv[4] == "proxy413"
endless = len(sys.argv) > 4 and sys.argv[4] == "endless"
lock = threading.Lock()
seen = 0


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global seen
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if hang:
            time.sleep(3600)
        if proxy413:
            page = b"<html><body><h1>413 Request Entity Too Large</h1></body></html>"
            self.send_response(413)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)
            return
        with lock:
            seen += 1
            status = 500 if seen <= fails else 200
            with open(log_path, "a", encoding="utf-8") as log:
                log.write("%d %s\n" % (status, body.decode("utf-8").strip()))
        self.send_response(status)
        if endless:
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"x" * 65536
            try:
                while True:
                    self.wfile.write(chunk)
            except OSError:
                return
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
server.daemon_threads = True
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os

os.rename(port_file + ".tmp", port_file)
server.serve_forever()
