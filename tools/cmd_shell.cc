// kg shell: the query language at a prompt. GNU readline gives line
// editing, persistent history with reverse search (Ctrl-R) and completion
// from the store; without readline (KG_HAVE_READLINE unset) the shell still
// works on plain lines.
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#ifdef KG_HAVE_READLINE
#include <readline/history.h>
#include <readline/readline.h>
#endif

#include "query/session.h"
#include "tools/commands.h"
#include "tools/query_command.h"

namespace kg::cli {

namespace {

constexpr const char* kPrompt = "kg> ";
constexpr const char* kContinuationPrompt = "...> ";
// A screenful: a result longer than that is rarely read at a prompt.
constexpr size_t kTerminalMaxRows = 40;
#ifdef KG_HAVE_READLINE
constexpr size_t kHistoryEntries = 1000;
#endif

// Ctrl-C. While a statement runs the handler cancels it (Session::Cancel
// only stores an atomic flag, so it is async-signal-safe); at the prompt it
// marks the line being typed for discarding.
std::atomic<query::Session*> running_session{nullptr};
volatile std::sig_atomic_t interrupted = 0;
// Standard output is the terminal, where the driver has just echoed "^C".
volatile std::sig_atomic_t newline_after_echo = 0;
static_assert(std::atomic<query::Session*>::is_always_lock_free);

void OnSigint(int) {
  if (query::Session* s = running_session.load()) {
    s->Cancel();
    // What the statement still prints starts on a line of its own.
    if (newline_after_echo) {
      const ssize_t ignored = write(STDOUT_FILENO, "\n", 1);  // async-signal-safe
      (void)ignored;
    }
  } else {
    interrupted = 1;
  }
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Columns of the terminal on standard output, else $COLUMNS, else 0.
size_t TerminalWidth() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    const long n = std::strtol(columns, nullptr, 10);
    if (n > 0) return static_cast<size_t>(n);
  }
  return 0;
}

enum class Input { kLine, kEnd, kInterrupted };

#ifdef KG_HAVE_READLINE

// readline's callbacks take no context argument.
query::Session* completing_session = nullptr;
std::vector<std::string> matches;
char* accepted_line = nullptr;
bool line_done = false;

char* NextMatch(const char*, int state) {
  static size_t next;
  if (state == 0) next = 0;
  return next < matches.size() ? strdup(matches[next++].c_str()) : nullptr;
}

char** CompleteWord(const char* text, int, int) {
  rl_attempted_completion_over = 1;  // never fall back to file names
  matches = completing_session->Complete(std::string_view(rl_line_buffer, rl_point));
  // Inside a quote readline's word starts after it and readline closes the
  // quote itself, so a quoted name goes in bare.
  if (rl_completion_quote_character) {
    for (auto& m : matches) {
      if (m.size() >= 2 && (m.front() == '"' || m.front() == '\'') && m.back() == m.front()) {
        m = m.substr(1, m.size() - 2);
      }
    }
  }
  if (matches.empty()) return nullptr;
  return rl_completion_matches(text, NextMatch);
}

void OnLine(char* line) {
  accepted_line = line;  // nullptr at end of input
  line_done = true;
  rl_callback_handler_remove();
}

void SetUpReadline(query::Session* session, const std::string& history_path) {
  completing_session = session;
  rl_readline_name = "kg";  // for $if kg in ~/.inputrc
  rl_instream = stdin;
  rl_outstream = stdout;
  rl_initialize();  // reads ~/.inputrc; the settings below come after it
  // The shell handles the signals itself (see ReadLine); readline must not.
  rl_catch_signals = 0;
  rl_catch_sigwinch = 0;
  rl_attempted_completion_function = CompleteWord;
  // The words Session::Complete completes: letters, digits, '_', '-' and
  // UTF-8, after a '?' (variables) or '.' (meta commands). Any other
  // punctuation ends a word. A quote makes a name with spaces one word:
  // "United St<TAB>.
  rl_completer_word_break_characters = " \t\n!#$%&()*+,/:;<=>@[\\]^`{|}~";
  rl_completer_quote_characters = "\"'";
  // Session::Complete matches in any case ("huaw" gives Huawei).
  rl_variable_bind("completion-ignore-case", "on");
  // A multi-line statement is one history entry; timestamps mark where
  // entries begin in the file, so it reads back as one.
  history_comment_char = '#';
  history_write_timestamps = 1;
  history_multiline_entries = 1;
  stifle_history(static_cast<int>(kHistoryEntries));
  if (!history_path.empty()) read_history(history_path.c_str());
}

volatile std::sig_atomic_t resized = 0;
volatile std::sig_atomic_t suspended = 0;
void OnSigwinch(int) {
  resized = 1;
}
void OnSigtstp(int) {
  suspended = 1;
}

// Ctrl-Z at the prompt: the terminal goes back to how it was, the shell
// stops, and on `fg` it takes the terminal again and redraws the line.
// (readline does this itself only inside its blocking readline().)
void Suspend() {
  rl_cleanup_after_signal();
  struct sigaction stop {};
  struct sigaction mine {};
  stop.sa_handler = SIG_DFL;
  sigemptyset(&stop.sa_mask);
  sigaction(SIGTSTP, &stop, &mine);
  sigset_t tstp;
  sigemptyset(&tstp);
  sigaddset(&tstp, SIGTSTP);
  raise(SIGTSTP);                            // pending while blocked,
  sigprocmask(SIG_UNBLOCK, &tstp, nullptr);  // taken here: stopped until SIGCONT
  sigprocmask(SIG_BLOCK, &tstp, nullptr);
  sigaction(SIGTSTP, &mine, nullptr);
  rl_reset_after_signal();
  rl_on_new_line();
  rl_redisplay();
}

// One line from the terminal, through readline's callback interface so
// that signals are handled here, outside readline: Ctrl-C discards what was
// typed, Ctrl-Z suspends, a resize reflows the line. The signals stay
// blocked but while waiting in pselect, so none slips in between the checks
// and the wait.
Input ReadLine(const char* prompt, std::string* line) {
  sigset_t block, waiting;
  sigemptyset(&block);
  for (int sig : {SIGINT, SIGWINCH, SIGTSTP})
    sigaddset(&block, sig);
  sigprocmask(SIG_BLOCK, &block, &waiting);
  for (int sig : {SIGINT, SIGWINCH, SIGTSTP})
    sigdelset(&waiting, sig);
  // Ctrl-Z is handled only at the prompt; while a statement runs it stops
  // the shell as usual.
  struct sigaction tstp {};
  struct sigaction previous_tstp {};
  tstp.sa_handler = OnSigtstp;
  sigemptyset(&tstp.sa_mask);
  sigaction(SIGTSTP, &tstp, &previous_tstp);
  interrupted = 0;
  resized = 0;
  suspended = 0;
  line_done = false;
  accepted_line = nullptr;
  rl_reset_screen_size();  // the window may have changed while a statement ran
  rl_callback_handler_install(prompt, OnLine);
  Input result = Input::kLine;
  const int fd = fileno(rl_instream);
  while (!line_done) {
    if (interrupted) {
      rl_free_line_state();
      rl_callback_sigcleanup();  // leaves an incremental search too
      rl_cleanup_after_signal();
      rl_callback_handler_remove();
      std::fputs("^C\n", rl_outstream);
      std::fflush(rl_outstream);
      result = Input::kInterrupted;
      break;
    }
    if (resized) {
      resized = 0;
      rl_resize_terminal();
    }
    if (suspended) {
      suspended = 0;
      Suspend();
    }
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(fd, &readable);
    if (pselect(fd + 1, &readable, nullptr, nullptr, nullptr, &waiting) < 0) {
      if (errno == EINTR) continue;
      rl_callback_handler_remove();
      result = Input::kEnd;
      break;
    }
    rl_callback_read_char();
  }
  sigaction(SIGTSTP, &previous_tstp, nullptr);
  sigprocmask(SIG_UNBLOCK, &block, nullptr);
  if (result != Input::kLine) return result;
  if (!accepted_line) return Input::kEnd;
  *line = accepted_line;
  std::free(accepted_line);
  return Input::kLine;
}

// A line "#1712345678": where an entry begins in the history file.
bool IsTimestampLine(const std::string& line) {
  return line.size() > 1 && line[0] == '#' &&
         line.find_first_not_of("0123456789", 1) == std::string::npos;
}

// Keeps the last kHistoryEntries entries of the file. Not
// history_truncate_file: it counts lines, so it cuts multi-line entries and
// can leave the file starting without a timestamp, and readline then reads
// every line as an entry of its own.
void TruncateHistoryFile(const std::string& path) {
  std::vector<std::string> lines;
  std::vector<size_t> starts;  // indices of the timestamp lines
  {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
      if (IsTimestampLine(line)) starts.push_back(lines.size());
      lines.push_back(std::move(line));
    }
  }
  if (starts.size() <= kHistoryEntries) return;
  // Written aside and renamed over, so that a crash or a full disk never
  // leaves half a history.
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    for (size_t i = starts[starts.size() - kHistoryEntries]; i < lines.size(); ++i)
      out << lines[i] << '\n';
    if (!out.flush()) {
      std::remove(temp.c_str());
      return;
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) std::remove(temp.c_str());
}

// Adds an entry to the history and appends it to the file, which keeps the
// last kHistoryEntries. Entries other shells append meanwhile stay.
void Remember(const std::string& entry, const std::string& history_path) {
  if (history_length > 0) {
    const HIST_ENTRY* last = history_get(history_base + history_length - 1);
    if (last && entry == last->line) return;
  }
  add_history(entry.c_str());
  if (history_path.empty()) return;
  // append_history does not create the file.
  const int err = access(history_path.c_str(), F_OK) == 0 ? append_history(1, history_path.c_str())
                                                          : write_history(history_path.c_str());
  if (err != 0) {
    static bool warned = false;  // once: the shell works on without a history file
    if (!warned) {
      std::cerr << "kg: cannot save history to " << history_path << ": " << std::strerror(err)
                << "\n";
    }
    warned = true;
    return;
  }
  TruncateHistoryFile(history_path);
}

#else  // !KG_HAVE_READLINE

void SetUpReadline(query::Session*, const std::string&) {}

// One line, read byte by byte so that Ctrl-C (EINTR, no SA_RESTART) ends
// the wait at once. The terminal's own line editing applies.
Input ReadLine(const char* prompt, std::string* line) {
  std::fputs(prompt, stdout);
  std::fflush(stdout);
  interrupted = 0;
  line->clear();
  for (;;) {
    char c;
    const ssize_t n = read(STDIN_FILENO, &c, 1);
    if (n == 1) {
      if (c == '\n') return Input::kLine;
      *line += c;
    } else if (n == 0) {
      return line->empty() ? Input::kEnd : Input::kLine;
    } else if (errno != EINTR) {
      return Input::kEnd;
    } else if (interrupted) {
      std::fputs("\n", stdout);  // the terminal has echoed ^C
      return Input::kInterrupted;
    }
  }
}

void Remember(const std::string&, const std::string&) {}

#endif  // KG_HAVE_READLINE

// $KG_HISTORY, else ~/.kg_history; "" keeps no history file.
std::string HistoryPath() {
  if (const char* path = std::getenv("KG_HISTORY"); path && *path) return path;
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.kg_history";
  return "";
}

// A relative path as ./PATH, so that the banner reads as a place.
std::string ShownPath(const std::string& path) {
  if (path.empty() || path[0] == '/' || path.rfind("./", 0) == 0 || path.rfind("../", 0) == 0)
    return path;
  return "./" + path;
}

// Runs one entry; Ctrl-C cancels it.
query::RunResult RunEntry(query::Session& session, const std::string& entry, int first_line,
                          bool terminal_out) {
  if (terminal_out) {
    query::OutputOptions output = session.options().output;
    output.width = TerminalWidth();
    session.set_output(output);
  }
  running_session.store(&session);
  const query::RunResult r = session.Run(entry, "<shell>", std::cout, std::cerr, first_line);
  running_session.store(nullptr);
  std::cout.flush();
  return r;
}

int RunShell(const Args& args) {
  if (!args.positional.empty()) {
    return UsageError("shell", "unexpected argument '" + args.positional[0] + "'");
  }
  auto options = SessionOptionsFromArgs(args);
  if (!options.ok()) return UsageError("shell", options.status().message());
  // Piped or redirected input is a script.
  if (!isatty(STDIN_FILENO)) return RunQuery(args);
  const bool terminal_out = isatty(STDOUT_FILENO);
  newline_after_echo = terminal_out;
  if (terminal_out && !args.Has("maxrows")) options->output.max_rows = kTerminalMaxRows;
  const std::string db_path = options->db_path;
  query::Session session(std::move(*options));

  std::cout << "kg shell \xE2\x80\x94 store " << ShownPath(db_path)
            << " (.help for help, .quit to leave)\n";
  std::cout.flush();

  // No SA_RESTART: a Ctrl-C must end the wait for input at once.
  struct sigaction action {};
  struct sigaction previous {};
  action.sa_handler = OnSigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGINT, &action, &previous);
#ifdef KG_HAVE_READLINE
  struct sigaction winch {};
  struct sigaction previous_winch {};
  winch.sa_handler = OnSigwinch;
  sigemptyset(&winch.sa_mask);
  sigaction(SIGWINCH, &winch, &previous_winch);
#endif

  const std::string history_path = HistoryPath();
  SetUpReadline(&session, history_path);
  std::string buffer;  // the statement being typed, over continuation lines
  int line_number = 0, buffer_line = 1;
  for (;;) {
    std::string line;
    const Input input = ReadLine(buffer.empty() ? kPrompt : kContinuationPrompt, &line);
    if (input == Input::kInterrupted) {
      buffer.clear();
      continue;
    }
    if (input == Input::kEnd) {
      std::cout << "\n";
      // Ctrl-D in the middle of a statement runs what there is: the last
      // statement of a script may omit its ';'.
      if (!IsBlank(buffer)) {
        buffer.pop_back();
        Remember(buffer, history_path);
        RunEntry(session, buffer, buffer_line, terminal_out);
      }
      break;
    }
    if (buffer.empty()) buffer_line = line_number + 1;
    // A line recalled from history may hold several.
    line_number += 1 + static_cast<int>(std::count(line.begin(), line.end(), '\n'));
    buffer += line;
    buffer += '\n';
    if (!query::Session::IsComplete(buffer)) continue;
    std::string entry = std::move(buffer);
    buffer.clear();
    entry.pop_back();
    if (IsBlank(entry)) continue;
    Remember(entry, history_path);
    if (RunEntry(session, entry, buffer_line, terminal_out).quit) break;
  }
  sigaction(SIGINT, &previous, nullptr);
#ifdef KG_HAVE_READLINE
  sigaction(SIGWINCH, &previous_winch, nullptr);
#endif
  return kExitOk;
}

}  // namespace

const Command& ShellCommand() {
  static const Command command{
      "shell",
      "an interactive prompt for the query language",
      "kg shell [--mode MODE] [--maxrows N]",
      "Opens a prompt (kg> ) for statements of the query language and meta commands\n"
      "(.help lists them). A statement ends with ';' and may span lines (the prompt\n"
      "becomes ...> until it is whole). Tab completes keywords, meta commands,\n"
      "relations, entity types and entity names of the store; Up and Ctrl-R recall\n"
      "earlier entries, kept in ~/.kg_history (or $KG_HISTORY). Ctrl-C discards the\n"
      "line being typed, or stops the statement that runs; Ctrl-D or .quit leaves.\n"
      "Tables fit the terminal's width and show 40 rows unless --maxrows (or\n"
      ".maxrows) says otherwise.\n"
      "\n"
      "When standard input is not a terminal, kg shell runs it as a script, like\n"
      "`kg query`.\n"
      "\n"
      "examples:\n"
      "  kg shell\n"
      "  kg --db news.db shell --mode json\n"
      "  kg shell < report.kgq",
      OutputFlags(),
      RunShell,
  };
  return command;
}

}  // namespace kg::cli
