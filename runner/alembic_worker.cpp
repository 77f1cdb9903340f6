#include "runner/alembic_worker.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "linter/input_error.h"
#include "runner/alembic_worker_script.h"
#include "runner/child_process.h"
#include "runner/conninfo.h"

namespace fs = std::filesystem;

namespace migcheck {
namespace {

// The candidates in order: python3 on PATH (a project's virtualenv), then the
// system's, which is where Debian's python3-alembic lives.
std::vector<std::string> python_candidates() {
  std::vector<std::string> candidates;
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    fs::path candidate = fs::path(dir) / "python3";
    if (access(candidate.c_str(), X_OK) == 0) {
      candidates.push_back(candidate);
      break;
    }
  }
  if (access("/usr/bin/python3", X_OK) == 0 &&
      (candidates.empty() || !fs::equivalent(candidates[0], "/usr/bin/python3"))) {
    candidates.push_back("/usr/bin/python3");
  }
  return candidates;
}

std::string tail_of(std::FILE* log) {
  if (log == nullptr) return {};
  std::fflush(log);
  std::string text;
  std::rewind(log);
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, log)) > 0) text.append(buffer, n);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  size_t cut = text.size() > 2000 ? text.size() - 2000 : 0;
  return text.substr(cut);
}

// Where a failure or a traced statement the worker located points: the
// revision's file as the project reports it, when the traceback's file is
// that file. A traced statement comes with the lines of the call that ran it
// ("line" to "end_line"); a failure with the traceback's line alone.
Location locate(const nlohmann::json& answer, const AlembicOptions& options,
                const Revision& revision) {
  if (!answer.contains("file") || !answer.contains("line")) return {};
  std::string file = answer["file"].get<std::string>();
  int line = answer["line"].get<int>();
  int end_line = std::max(line, answer.value("end_line", line));
  // revision.file is as reported: relative to migcheck's working directory
  // (or the project's, when the loader made it so).
  std::error_code error;
  if (!fs::equivalent(file, revision.file, error) &&
      !fs::equivalent(file, fs::path(options.project_dir) / revision.file, error)) {
    return Location{file, line, 1, end_line, 1};
  }
  // The op call (or SQL literal) the static reader mapped within those lines,
  // the narrowest when several are; else the lines' text. A unit holds all
  // the calls of a function, so its segments, not the unit, tell them apart.
  std::optional<Location> mapped;
  std::shared_ptr<const SourceFile> source;
  for (const auto* units : {&revision.up, &revision.down}) {
    for (const SqlUnit& unit : *units) {
      if (unit.map.file() == nullptr || unit.map.file()->path() != revision.file) continue;
      source = unit.map.file();
      for (const SourceMap::Segment& segment : unit.map.segments()) {
        Location call = unit.map.locate(segment.sql_begin, segment.sql_end);
        if (call.line > end_line || line > call.end_line) continue;
        if (!mapped || call.end_line - call.line < mapped->end_line - mapped->line) mapped = call;
      }
    }
  }
  if (mapped) return *mapped;
  if (source == nullptr) return Location{revision.file, line, 1, end_line, 1};
  // Columns count characters: leave out UTF-8 continuation bytes.
  auto width = [](std::string_view text) {
    return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
  };
  std::string_view first_text = source->lines().line_text(line);
  size_t first = first_text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return Location{revision.file, line, 1, end_line, 1};
  return Location{revision.file, line, width(first_text.substr(0, first)) + 1, end_line,
                  width(source->lines().line_text(end_line)) + 1};
}

// A failure before any migration began (the worker's "setup" answers) as one
// line naming the file at fault, relative to the working directory when it is
// below it: "alembic/env.py:3: ModuleNotFoundError: No module named 'myapp'".
InputError setup_error(const nlohmann::json& answer) {
  fs::path file = answer.value("file", "");
  std::error_code error;
  fs::path relative = file.lexically_relative(fs::current_path(error));
  if (!error && !relative.empty() && *relative.begin() != "..") file = relative;
  std::string message = mask_password(answer.value("message", ""));
  message = message.substr(0, message.find('\n'));
  return InputError(
      file.string() +
      (answer.contains("line") ? ":" + std::to_string(answer["line"].get<int>()) : std::string()) +
      ": " + message);
}

bool write_all(int fd, const std::string& text) {
  return write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
}

// The ids of `revisions` in order, as one request's arguments.
std::string id_list(const std::vector<const Revision*>& revisions) {
  std::string ids;
  for (const Revision* revision : revisions) ids += (ids.empty() ? "" : " ") + revision->id;
  return ids;
}

// A time the worker read from time.monotonic(), in milliseconds: on Linux
// that is CLOCK_MONOTONIC, the clock libstdc++'s steady_clock reads, so the
// two compare directly.
std::chrono::steady_clock::time_point steady_time(double monotonic_ms) {
  return std::chrono::steady_clock::time_point(
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double, std::milli>(monotonic_ms)));
}

}  // namespace

AlembicWorker::AlembicWorker(const AlembicOptions& options)
    : options_(options), candidates_(python_candidates()) {
  start();
}

AlembicWorker::AlembicWorker(const AlembicOptions& options, const DatabaseEndpoint& database)
    : AlembicWorker(options) {
  connect(database);
}

AlembicWorker::~AlembicWorker() {
  end(worker_, false);
}

AlembicWorker::Process AlembicWorker::spawn(const std::string& python) const {
  int in[2];
  int out[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) {
    throw std::system_error(errno, std::generic_category(), "pipe");
  }
  Process process;
  process.python = python;
  process.log = std::tmpfile();
  int log_fd = process.log != nullptr ? fileno(process.log) : -1;
  process.pid = fork();
  if (process.pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (process.pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // no worker outlives migcheck
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    if (log_fd >= 0) dup2(log_fd, STDERR_FILENO);
    close_other_fds({});
    if (chdir(options_.project_dir.c_str()) != 0) _exit(126);
    execl(python.c_str(), python.c_str(), "-c", kAlembicWorkerScript, static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  process.requests = in[1];
  process.answers = out[0];
  signal(SIGPIPE, SIG_IGN);  // a dead worker is reported, not fatal
  return process;
}

std::string AlembicWorker::read_line(Process& process) {
  for (;;) {
    size_t newline = process.buffer.find('\n');
    if (newline != std::string::npos) {
      std::string line = process.buffer.substr(0, newline);
      process.buffer.erase(0, newline + 1);
      return line;
    }
    char chunk[4096];
    ssize_t n = read(process.answers, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return {};  // the worker died
    process.buffer.append(chunk, static_cast<size_t>(n));
  }
}

void AlembicWorker::end(Process& process, bool kill) {
  if (process.pid > 0) {
    if (kill) ::kill(process.pid, SIGKILL);
    close(process.requests);  // end of requests: the worker's loop ends
    close(process.answers);
    int status = 0;
    while (waitpid(process.pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (process.log != nullptr) std::fclose(process.log);
  process = Process{};
}

void AlembicWorker::start() {
  // Every candidate starts at once and says at once whether it has alembic,
  // so a Python without it (or a slow shim in front of one) costs no time in
  // turn. The first in order of preference that has it is kept; the others
  // stop before their imports have cost much.
  std::vector<Process> started;
  for (const std::string& python : candidates_) started.push_back(spawn(python));
  for (size_t i = 0; i < started.size(); ++i) {
    nlohmann::json hello = nlohmann::json::parse(read_line(started[i]), nullptr, false);
    if (no_alembic(hello, started[i])) continue;
    worker_ = std::move(started[i]);
    candidates_.erase(candidates_.begin(), candidates_.begin() + static_cast<long>(i) + 1);
    for (size_t later = i + 1; later < started.size(); ++later) end(started[later], true);
    if (!hello.is_object() || !hello.value("found", false)) {
      fail_dead("starting Alembic with " + worker_.python);
    }
    return;
  }
  candidates_.clear();
  throw InputError(
      "cannot run Alembic: no python3 that can import alembic (tried python3 on PATH and "
      "/usr/bin/python3" +
      (import_error_.empty() ? std::string() : ": " + import_error_) +
      "); install it (Debian: apt-get install python3-alembic python3-psycopg2, or pip "
      "install alembic psycopg2 in the project's virtualenv)");
}

bool AlembicWorker::no_alembic(const nlohmann::json& answer, Process& process) {
  if (!answer.is_object() || answer.value("fatal", "") != "no-alembic") return false;
  import_error_ = process.python + ": " + answer.value("message", "");
  end(process, false);
  return true;
}

void AlembicWorker::connect(const DatabaseEndpoint& database) {
  std::string arguments = nlohmann::json({{"ini", options_.ini_file},
                                          {"section", options_.ini_section},
                                          {"script_location", options_.script_location},
                                          {"url", database.url},
                                          {"x", options_.x_arguments}})
                              .dump() +
                          "\n";
  for (;;) {
    // A Python whose alembic failed to import has already said so and
    // exited: its answer is still in the pipe when this write finds no reader.
    [[maybe_unused]] ssize_t written = write(worker_.requests, arguments.data(), arguments.size());
    nlohmann::json hello = nlohmann::json::parse(read_line(worker_), nullptr, false);
    if (hello.is_object() && hello.value("ready", false)) return;
    if (hello.is_object() && hello.value("fatal", "") == "setup") {
      end(worker_, false);
      throw setup_error(hello);
    }
    if (!no_alembic(hello, worker_)) fail_dead("starting Alembic with " + worker_.python);
    start();
  }
}

void AlembicWorker::fail_dead(const std::string& doing) {
  std::string log = tail_of(worker_.log);
  end(worker_, false);
  throw InputError("the Alembic worker died " + doing + (log.empty() ? "" : ":\n" + log));
}

nlohmann::json AlembicWorker::exchange(const std::string& verb, const std::string& revisions,
                                       const std::vector<const Revision*>& running) {
  // With a listener the worker tells each statement and waits for "go".
  bool tracing = listener_ != nullptr && !running.empty();
  std::string line = (tracing ? "trace-" : "") + verb + " " + revisions + "\n";
  if (!write_all(worker_.requests, line)) fail_dead("before " + verb + " " + revisions);
  for (;;) {
    nlohmann::json answer = nlohmann::json::parse(read_line(worker_), nullptr, false);
    if (!answer.is_object()) fail_dead("during " + verb + " " + revisions);
    if (tracing && (answer.contains("statement") || answer.contains("backend"))) {
      if (answer.contains("backend")) {
        listener_->starting(answer.value("backend", 0));
      } else {
        listener_->executed(executed_statement(answer, running));
      }
      if (!write_all(worker_.requests, "go\n")) fail_dead("during " + verb + " " + revisions);
    } else if (tracing && answer.contains("transaction")) {
      listener_->transaction_ended(answer.value("pid", 0), answer.value("clock_ms", 0.0));
    } else {
      return answer;
    }
  }
}

ExecutedStatement AlembicWorker::executed_statement(
    const nlohmann::json& told, const std::vector<const Revision*>& running) const {
  // A helper in another revision file ran it for the revision being run.
  const Revision* revision = running.front();
  for (const Revision* candidate : running) {
    if (candidate->id == told.value("revision", "")) revision = candidate;
  }
  ExecutedStatement statement;
  statement.revision = revision->id;
  statement.sql = told.value("statement", "");
  statement.location = locate(told, options_, *revision);
  statement.parameters = told.value("parameters", std::vector<std::string>());
  statement.in_transaction = told.value("in_transaction", true);
  statement.duration_ms = told.value("duration_ms", 0.0);
  statement.clock_ms = told.value("clock_ms", 0.0);
  statement.sent_at = steady_time(told.value("sent_at_ms", 0.0));
  statement.returned_at = steady_time(told.value("returned_at_ms", 0.0));
  statement.backend_pid = told.value("pid", 0);
  return statement;
}

std::optional<StepFailure> AlembicWorker::failure_of(const nlohmann::json& answer,
                                                     const Revision* revision) const {
  if (answer.value("ok", false)) return std::nullopt;
  // No migration ran: the project's configuration or environment is at
  // fault, not a migration's SQL.
  if (answer.value("setup", false)) throw setup_error(answer);
  StepFailure failure{mask_password(answer.value("message", "")),
                      answer.value("sqlstate", ""),
                      {},
                      mask_password(answer.value("detail", ""))};
  if (revision != nullptr) failure.location = locate(answer, options_, *revision);
  return failure;
}

std::optional<StepFailure> AlembicWorker::request(const std::string& verb,
                                                  const std::string& revision) {
  return failure_of(exchange(verb, revision, {}), nullptr);
}

std::optional<StepFailure> AlembicWorker::upgrade(const Revision& revision) {
  return failure_of(exchange("apply", revision.id, {&revision}), &revision);
}

std::optional<StepFailure> AlembicWorker::downgrade(const Revision& revision) {
  return failure_of(exchange("unapply", revision.id, {&revision}), &revision);
}

std::optional<MigrationApplier::BatchFailure> AlembicWorker::batch_failure_of(
    const nlohmann::json& answer, const std::vector<const Revision*>& batch) const {
  if (answer.value("ok", false)) return std::nullopt;
  const Revision* culprit = batch.back();
  std::string id = answer.value("revision", "");
  for (const Revision* revision : batch) {
    if (revision->id == id) culprit = revision;
  }
  return BatchFailure{culprit, *failure_of(answer, culprit)};
}

std::optional<MigrationApplier::BatchFailure> AlembicWorker::upgrade_all(
    const std::vector<const Revision*>& revisions) {
  return batch_failure_of(exchange("apply", id_list(revisions), revisions), revisions);
}

std::optional<MigrationApplier::BatchFailure> AlembicWorker::downgrade_all(
    const std::vector<const Revision*>& applied) {
  std::vector<const Revision*> newest_first(applied.rbegin(), applied.rend());
  return batch_failure_of(exchange("unapply", id_list(newest_first), newest_first), applied);
}

}  // namespace migcheck
