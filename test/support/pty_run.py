"""Runs a command in a pseudo-terminal, answering what it shows, as a user at a terminal would.

Usage: python3 pty_run.py '<json>', the JSON being
  {"argv": [...], "cwd": "...", "env": {...}, "steps": [{"expect": "<regex>", "send": "<keys>"}, ...],
   "timeout": <seconds>, "columns": 120}
Each step waits until the output so far (escape sequences removed) matches `expect` after the
previous step's match, then types `send` (or sends the process the signal number `signal`). Prints one JSON object: {"status": <exit code, or
128 + signal>, "output": <everything shown, escape sequences removed>, "raw": <as shown>,
"missed": <the step that never matched, or null>}.
"""
import fcntl
import json
import os
import pty
import re
import select
import struct
import sys
import termios
import time

ESCAPES = re.compile(r'\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\r')


def main():
    request = json.loads(sys.argv[1])
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(request['cwd'])
        os.execvpe(request['argv'][0], request['argv'], request['env'])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, request.get('columns', 120), 0, 0))
    deadline = time.time() + request.get('timeout', 60)
    raw = b''
    steps = list(request.get('steps', []))
    position = 0
    missed = None
    while True:
        if steps:
            text = ESCAPES.sub('', raw.decode('utf-8', 'replace'))
            found = re.compile(steps[0]['expect'], re.S).search(text, position)
            if found:
                position = found.end()
                step = steps.pop(0)
                if 'signal' in step:
                    os.kill(pid, step['signal'])
                else:
                    os.write(fd, step['send'].encode())
                continue
        if time.time() > deadline:
            missed = steps[0]['expect'] if steps else None
            os.kill(pid, 9)
            break
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            raw += chunk
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    text = raw.decode('utf-8', 'replace')
    print(json.dumps({'status': code if code >= 0 else 128 - code, 'output': ESCAPES.sub('', text), 'raw': text, 'missed': missed}))


main()
