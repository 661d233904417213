#!/usr/bin/env python3
"""End-to-end test of `kg shell` at a terminal.

Runs the shell in a pseudo-terminal, types at it as a person would (Tab,
arrows, Ctrl-R, Ctrl-C, Ctrl-D) and reads the screen: results, the
continuation prompt, completion, history kept across runs, interrupts.

Usage: shell_pty_test.py PATH/TO/kg SOURCE_DIR

Each scenario starts its own shell, so one failure does not hide the
others. A failure prints what was expected and the screen text seen; the
exit status is 1 when any check failed.
"""
import codecs
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

KG = os.path.abspath(sys.argv[1])
SRC = sys.argv[2]

# Terminal control sequences (cursor moves, colours, bracketed paste mode)
# are not screen text.
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|[\x07\r]")

UP = "\x1b[A"
CTRL_C = "\x03"
CTRL_D = "\x04"
CTRL_R = "\x12"
ENTER = "\r"
TAB = "\t"

# Long enough to be still running when Ctrl-C comes: every combination of
# four facts of the sample (about 5e8 rows to count, minutes of work).
LONG_STATEMENT = "MATCH ?a ?r ?b, ?c ?s ?d, ?e ?t ?f, ?g ?u ?h RETURN COUNT(*);"


class Failure(Exception):
    pass


class Shell:
    """A `kg shell` on a pseudo-terminal, with an expect-like reader."""

    def __init__(self, db, history, columns=120, lines=40):
        env = dict(os.environ)
        env.update({"KG_HISTORY": history, "TERM": "xterm", "HOME": os.path.dirname(history),
                    "LC_ALL": "C.UTF-8", "INPUTRC": "/dev/null"})
        env.pop("KG_DB", None)
        env.pop("COLUMNS", None)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the shell, on the terminal's slave side
            try:
                os.execve(KG, [KG, "--db", db, "shell"], env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.raw = ""       # everything the shell wrote
        self.pos = 0        # where the next expect starts looking (in screen())
        self.status = None  # exit status once it has exited

    def screen(self):
        return ANSI.sub("", self.raw)

    def _read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the shell has exited and closed the terminal
            data = b""
        if not data:
            raise EOFError
        self.raw += self.decoder.decode(data)
        return True

    def send(self, text):
        os.write(self.fd, text.encode())

    def expect(self, pattern, timeout=15, what=None):
        """Waits until `pattern` (a regex) shows after the last match."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            m = regex.search(self.screen(), self.pos)
            if m:
                self.pos = m.end()
                return m
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure("timed out after %ss waiting for %s" % (timeout, what or repr(pattern)))
            try:
                self._read(min(left, 0.2))
            except EOFError:
                raise Failure("the shell exited while waiting for %s" % (what or repr(pattern)))

    def expect_text(self, text, timeout=15):
        return self.expect(re.escape(text), timeout, repr(text))

    def settle(self, quiet=0.3, timeout=5):
        """Reads until the shell has written nothing for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if not self._read(quiet):
                    return
            except EOFError:
                return

    def since(self, start):
        return self.screen()[start:]

    def prompt(self, timeout=15):
        """Waits for a fresh "kg> " prompt."""
        return self.expect(r"(^|\n)kg> ", timeout, 'the prompt "kg> "')

    def wait_exit(self, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            try:
                self._read(0.1)
            except EOFError:
                pass
        raise Failure("the shell did not exit within %ss" % timeout)

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)


failures = []
passed = 0


def scenario(name, db, history, steps):
    """Runs `steps(shell, check)` on a fresh shell; records failures."""
    global passed
    shell = Shell(db, history)
    step = ["start"]

    def check(label, condition, detail=""):
        global passed
        if condition:
            passed += 1
        else:
            raise Failure("%s%s" % (label, ": " + detail if detail else ""))

    try:
        steps(shell, check, step)
    except Failure as e:
        failures.append(name)
        tail = shell.screen()[-2500:]
        print("FAIL: %s, at step '%s': %s" % (name, step[0], e), file=sys.stderr)
        print("---- screen text seen (last %d chars) ----\n%s\n---- end of screen ----"
              % (len(tail), tail), file=sys.stderr)
    finally:
        shell.close()


def no_error(check, label, text):
    check(label + " (no error)", "error" not in text, "the shell printed an error:\n" + text)


def basics(shell, check, step):
    step[0] = "banner"
    shell.expect(r"kg shell \S+ store \S+ \(\.help for help, \.quit to leave\)", what="the banner")
    shell.prompt()

    step[0] = "a statement and its result"
    start = shell.pos
    shell.send("MATCH ?a restricts ?b RETURN ?a, ?b LIMIT 3;" + ENTER)
    shell.expect_text("3 rows")
    shell.prompt()
    no_error(check, "a statement runs", shell.since(start))
    check("the result shows a known fact", "United States" in shell.since(start))

    step[0] = "a statement over two lines"
    start = shell.pos
    shell.send("MATCH ?a restricts" + ENTER)
    shell.expect(r"\n\.\.\.> ", what='the continuation prompt "...> "')
    shell.send("?b RETURN ?a LIMIT 2;" + ENTER)
    shell.expect_text("2 rows")
    shell.prompt()
    no_error(check, "a multi-line statement runs", shell.since(start))

    step[0] = "Tab completes a keyword"
    start = shell.pos
    shell.send("NEIGHB" + TAB)
    shell.expect_text("NEIGHBORS", timeout=5)
    step[0] = "Tab completes an entity name (Huaw -> Huawei)"
    shell.send(" Huaw" + TAB)
    shell.expect_text("Huawei", timeout=5)
    shell.send(" LIMIT 3;" + ENTER)
    shell.expect(r"\d+ rows?", what="the neighbours of Huawei")
    shell.prompt()
    no_error(check, "NEIGHB<Tab> Huaw<Tab> runs as NEIGHBORS Huawei", shell.since(start))

    step[0] = "Tab completes a relation name (restr -> restricts)"
    start = shell.pos
    shell.send("MATCH ?a restr" + TAB)
    shell.expect_text("restricts", timeout=5)
    shell.send("China RETURN ?a LIMIT 2;" + ENTER)
    shell.expect(r"\d+ rows?", what="the result of MATCH ?a restricts China")
    shell.prompt()
    no_error(check, "MATCH ?a restr<Tab> runs as restricts", shell.since(start))

    step[0] = 'Tab completes a quoted name ("United St -> "United States")'
    start = shell.pos
    shell.send('ENTITY "United St' + TAB)
    shell.expect_text('States"', timeout=5)
    shell.send(";" + ENTER)
    shell.settle()
    shell.prompt()
    no_error(check, 'ENTITY "United St<Tab> runs', shell.since(start))
    check("the entity card names the entity", "United States" in shell.since(start))

    step[0] = "a wide result is cut to the terminal's 120 columns"
    start = shell.pos
    shell.send("EVIDENCE ?a restricts ?b LIMIT 3;" + ENTER)
    shell.expect_text("3 rows")
    shell.prompt()
    table = [l for l in shell.since(start).splitlines()[1:] if l and not l.startswith("kg> ")]
    check("every line of a wide table fits in 120 columns",
          all(len(l) <= 120 for l in table), "\n".join(table))
    check("cut cells end with an ellipsis", any("\u2026" in l for l in table), "\n".join(table))

    step[0] = "Ctrl-C at the prompt discards the line"
    shell.send("MATCH ?a no_such_relation ?b")
    shell.settle()
    shell.send(CTRL_C)
    shell.prompt(timeout=5)
    start = shell.pos
    shell.send("MATCH ?a restricts ?b RETURN ?b LIMIT 1;" + ENTER)
    shell.expect_text("1 row")
    shell.prompt()
    no_error(check, "the line typed before Ctrl-C was discarded", shell.since(start))

    step[0] = "Ctrl-C at the continuation prompt discards the statement"
    shell.send("MATCH ?a no_such_relation" + ENTER)
    shell.expect(r"\n\.\.\.> ", what='the continuation prompt "...> "')
    shell.send(CTRL_C)
    shell.prompt(timeout=5)
    start = shell.pos
    shell.send("MATCH ?a restricts ?b RETURN ?b LIMIT 1;" + ENTER)
    shell.expect_text("1 row")
    shell.prompt()
    no_error(check, "the pending statement was discarded", shell.since(start))

    step[0] = "Ctrl-D on an empty prompt leaves"
    shell.send(CTRL_D)
    check("Ctrl-D exits with status 0", shell.wait_exit() == 0, "status %s" % shell.status)


def history_first_run(shell, check, step):
    step[0] = "first run: statements to remember"
    shell.prompt()
    shell.send("MATCH ?a restricts" + ENTER)
    shell.expect(r"\n\.\.\.> ")
    shell.send("?b RETURN ?b LIMIT 2;" + ENTER)
    shell.expect_text("2 rows")
    shell.prompt()
    shell.send("MATCH ?a supplies ?b RETURN ?a LIMIT 4;" + ENTER)
    shell.expect_text("4 rows")
    shell.prompt()
    shell.send(".quit" + ENTER)
    check(".quit exits with status 0", shell.wait_exit() == 0, "status %s" % shell.status)


def history_second_run(shell, check, step):
    step[0] = "second run: Up recalls the last statement of the first run"
    shell.prompt()
    start = shell.pos
    # The last entry is .quit; the one before it the 4-row statement.
    shell.send(UP)
    shell.expect_text(".quit", timeout=5)
    shell.send(UP)
    shell.expect_text("LIMIT 4;", timeout=5)
    shell.send(ENTER)
    shell.expect_text("4 rows")
    shell.prompt()
    no_error(check, "the recalled statement runs", shell.since(start))

    step[0] = "second run: Ctrl-R finds the multi-line statement"
    start = shell.pos
    shell.send(CTRL_R)
    shell.expect(r"reverse-i-search", timeout=5, what="the reverse search prompt")
    shell.send("RETURN ?b")
    shell.expect_text("LIMIT 2;", timeout=5)
    shell.send(ENTER)
    shell.expect_text("2 rows")
    shell.prompt()
    no_error(check, "the statement found by Ctrl-R runs", shell.since(start))

    step[0] = "second run: .quit"
    shell.send(".quit" + ENTER)
    check(".quit exits with status 0", shell.wait_exit() == 0, "status %s" % shell.status)


def interrupt(shell, check, step):
    step[0] = "Ctrl-C stops a long statement"
    shell.prompt()
    shell.send(LONG_STATEMENT + ENTER)
    shell.settle(quiet=1.5, timeout=3)  # running, with nothing to show yet
    check("the long statement is still running after 1.5s", "row" not in shell.since(shell.pos),
          "it finished: make LONG_STATEMENT longer")
    shell.send(CTRL_C)
    shell.expect_text("interrupted", timeout=20)
    shell.prompt(timeout=10)

    step[0] = "the shell goes on after an interrupt"
    start = shell.pos
    shell.send("MATCH ?a restricts ?b RETURN ?a LIMIT 2;" + ENTER)
    shell.expect_text("2 rows")
    shell.prompt()
    no_error(check, "a statement after the interrupt runs", shell.since(start))

    step[0] = ".quit after an interrupt"
    shell.send(".quit" + ENTER)
    check(".quit exits with status 0", shell.wait_exit() == 0, "status %s" % shell.status)


def main():
    work = tempfile.mkdtemp(prefix="kg-shell-test-")
    try:
        db = os.path.join(work, "kg.db")
        imported = subprocess.run([KG, "--db", db, "import",
                                   os.path.join(SRC, "data", "sample_triples.jsonl")],
                                  capture_output=True, text=True)
        if imported.returncode != 0:
            print("FAIL: kg import of the sample: %s" % imported.stderr, file=sys.stderr)
            return 1

        scenario("basics", db, os.path.join(work, "basics_history"), basics)

        history = os.path.join(work, "kg_history")
        scenario("history, first run", db, history, history_first_run)
        global passed
        saved = open(history).read() if os.path.exists(history) else ""
        if "MATCH ?a restricts\n?b RETURN ?b LIMIT 2;" in saved and "LIMIT 4;" in saved:
            passed += 1
        else:
            failures.append("history file")
            print("FAIL: the history file %s lacks the first run's statements (the two-line one "
                  "whole); it holds:\n%s" % (history, saved), file=sys.stderr)
        scenario("history, second run", db, history, history_second_run)

        scenario("interrupt", db, os.path.join(work, "interrupt_history"), interrupt)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("shell: %d passed, %d failed%s" % (passed, len(failures),
          " (" + ", ".join(failures) + ")" if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
