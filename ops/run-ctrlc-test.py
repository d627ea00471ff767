#!/usr/bin/python3
"""The README's first command, stopped as a teacher stops it: Ctrl-C typed in its terminal.

Runs `./mvnw -B -q -Prun -DskipTests package` on a pseudo-terminal of its own (so the terminal,
not this script, sends SIGINT to the whole foreground process group, Maven included), waits for
the ready line, types Ctrl-C, and requires the shutdown lines on the console and exit code 0.
The server listens on 127.0.0.1 with ports the system picks; data and logs go to a temporary
directory. Bounded: 600 s for the build and start, 60 s for the stop.
"""
import os
import pty
import select
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    work = tempfile.mkdtemp(prefix="classcord-ctrlc-")
    config = os.path.join(work, "ctrlc.yaml")
    with open(config, "w", encoding="utf-8") as f:
        f.write(f"""classcord:
  chat:
    host: "127.0.0.1"
    port: 0
  storage:
    path: "{work}/data/classcord.db"
  admin:
    port: 0
    token-file: "{work}/admin.token"
  logging:
    dir: "{work}/logs"
""")
    command = ["./mvnw", "-B", "-q", "-Prun", "-DskipTests", "package", f"-Dclasscord.args=--config {config}"]
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(REPO)
        os.execvp(command[0], command)
    out = b""
    typed_at = None
    deadline = time.time() + 600
    while True:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                data = os.read(fd, 4096)
            except OSError:
                break
            if not data:
                break
            out += data
        if typed_at is None and b"Classcord ready" in out:
            os.write(fd, b"\x03")
            typed_at = time.time()
            deadline = typed_at + 60
        if time.time() > deadline:
            os.kill(pid, 9)
            break
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    text = out.decode(errors="replace")
    problems = []
    if typed_at is None:
        problems.append("the server never printed 'Classcord ready'")
    if code != 0:
        problems.append(f"exit code {code}, expected 0")
    for line in ("[SERVER] Stop requested", "[SERVER] Database closed, bye"):
        if line not in text:
            problems.append(f"no '{line}' on the console")
    if problems:
        sys.stdout.write(text)
        print("run-ctrlc-test: FAILED: " + "; ".join(problems))
        return 1
    print(f"run-ctrlc-test: OK: Ctrl-C stopped './mvnw -Prun' in {time.time() - typed_at:.1f} s, "
          "shutdown lines on the console, exit code 0")
    return 0


if __name__ == "__main__":
    sys.exit(main())
