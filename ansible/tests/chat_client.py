#!/usr/bin/env python3
"""Minimal Classcord client for the end-to-end test, speaking the course's JSON-lines protocol.

  chat_client.py exchange PORT           two accounts register, log in, and one gets the other's message
  chat_client.py survive PORT -- CMD...  two logged-in clients stay connected while CMD runs, then chat
  chat_client.py register PORT USER PASS / login PORT USER PASS
  chat_client.py keep-failing PORT USER  fails logins on one open connection: exit 0 when the server
                                         closes it (within 10 tries), 1 if it stays open; prints the
                                         failed logins (auth_failed) before the close
  chat_client.py probe PORT              exit 0 if the server answers a "users" request, 1 if not

Every wait has a deadline; exit status 0 means the check passed.
"""
import json
import socket
import subprocess
import sys
import time
import uuid

# Argon2id at its production cost took 13 s under TCG on a loaded machine.
TIMEOUT = 60.0


class Client:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.buffer = b""

    def send(self, **frame):
        self.sock.sendall(json.dumps(frame).encode() + b"\n")

    def next_matching(self, wanted, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            while b"\n" in self.buffer:
                line, self.buffer = self.buffer.split(b"\n", 1)
                frame = json.loads(line)
                if wanted(frame):
                    return frame
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no matching frame")
            self.sock.settimeout(remaining)
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError("connection closed by the server")
            self.buffer += data

    def reply(self, kind):
        return self.next_matching(lambda f: f.get("type") in (kind, "error"))

    def register(self, user, password):
        self.send(type="register", username=user, password=password)
        return self.reply("register")

    def login(self, user, password):
        self.send(type="login", username=user, password=password)
        return self.reply("login")

    def close(self):
        self.sock.close()


def logged_in(port, user, password):
    client = Client(port)
    client.register(user, password)
    answer = client.login(user, password)
    if answer.get("status") != "ok":
        raise SystemExit(f"login of {user} failed: {answer}")
    return client


def chat(port, alice, bob, text):
    alice.send(type="message", subtype="global", to="global", content=text)
    got = bob.next_matching(lambda f: f.get("type") == "message" and f.get("content") == text)
    print(f"message delivered: {got['from']} -> {text!r}")


def main(argv):
    command, port = argv[1], int(argv[2])
    suffix = uuid.uuid4().hex[:6]
    if command == "exchange":
        alice = logged_in(port, "alice_" + suffix, "mdp-alice-" + suffix)
        bob = logged_in(port, "bob_" + suffix, "mdp-bob-" + suffix)
        chat(port, alice, bob, "bonjour depuis l'hote " + suffix)
    elif command == "survive":
        alice = logged_in(port, "alice_" + suffix, "mdp-alice-" + suffix)
        bob = logged_in(port, "bob_" + suffix, "mdp-bob-" + suffix)
        chat(port, alice, bob, "avant " + suffix)
        subprocess.run(argv[argv.index("--") + 1:], check=True)
        chat(port, alice, bob, "apres " + suffix)
        chat(port, bob, alice, "retour " + suffix)
    elif command == "register":
        answer = Client(port).register(argv[3], argv[4])
        print(answer)
        return 0 if answer.get("status") == "ok" else 1
    elif command == "login":
        answer = Client(port).login(argv[3], argv[4])
        print(answer)
        return 0 if answer.get("status") == "ok" else 1
    elif command == "keep-failing":
        client = Client(port)
        failed = 0
        for tries in range(1, 11):
            try:
                answer = client.login(argv[3], "not-the-password")
            except ConnectionError:
                print(f"connection closed by the server after {failed} failed logins")
                return 0 if failed > 0 else 1
            print(f"try {tries}: {answer}")
            if answer.get("code") == "auth_failed":
                failed += 1
        print("still connected after 10 failed logins")
        return 1
    elif command == "probe":
        try:
            client = Client(port)
            client.send(type="users")
            client.next_matching(lambda f: f.get("type") == "users", timeout=15)
            return 0
        except (OSError, TimeoutError, ConnectionError, ValueError) as e:
            print(f"no answer: {e!r}")
            return 1
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
