#include "runner/alembic_worker.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
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

// Where a failure the worker located points: the revision's file as the
// project reports it, when the traceback's file is that file.
Location locate(const nlohmann::json& answer, const AlembicOptions& options,
                const Revision& revision) {
  if (!answer.contains("file") || !answer.contains("line")) return {};
  std::string file = answer["file"].get<std::string>();
  int line = answer["line"].get<int>();
  // revision.file is as reported: relative to migcheck's working directory
  // (or the project's, when the loader made it so).
  std::error_code error;
  if (fs::equivalent(file, revision.file, error) ||
      fs::equivalent(file, fs::path(options.project_dir) / revision.file, error)) {
    file = revision.file;
  }
  return Location{file, line, 1, line, 1};
}

// The ids of `revisions` in order, as one request's arguments.
std::string id_list(const std::vector<const Revision*>& revisions) {
  std::string ids;
  for (const Revision* revision : revisions) ids += (ids.empty() ? "" : " ") + revision->id;
  return ids;
}

}  // namespace

AlembicWorker::AlembicWorker(const AlembicOptions& options, const DatabaseEndpoint& database)
    : options_(options) {
  nlohmann::json arguments = {{"ini", options.ini_file},
                              {"section", options.ini_section},
                              {"url", database.url},
                              {"x", options.x_arguments}};
  for (const std::string& python : python_candidates()) {
    if (start(python, arguments.dump())) return;
  }
  throw InputError(
      "cannot run Alembic: no python3 that can import alembic (tried python3 on PATH and "
      "/usr/bin/python3" +
      (import_error_.empty() ? std::string() : ": " + import_error_) +
      "); install it (Debian: apt-get install python3-alembic python3-psycopg2, or pip install "
      "alembic psycopg2 in the project's virtualenv)");
}

AlembicWorker::~AlembicWorker() {
  stop();
}

bool AlembicWorker::start(const std::string& python, const std::string& arguments) {
  int in[2];
  int out[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) {
    throw std::system_error(errno, std::generic_category(), "pipe");
  }
  log_ = std::tmpfile();
  int log_fd = log_ != nullptr ? fileno(log_) : -1;
  pid_ = fork();
  if (pid_ < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // no worker outlives migcheck
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    if (log_fd >= 0) dup2(log_fd, STDERR_FILENO);
    close_other_fds({});
    if (chdir(options_.project_dir.c_str()) != 0) _exit(126);
    execl(python.c_str(), python.c_str(), "-c", kAlembicWorkerScript, arguments.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  requests_ = in[1];
  answers_ = out[0];
  signal(SIGPIPE, SIG_IGN);  // a dead worker is reported, not fatal

  nlohmann::json hello = nlohmann::json::parse(read_line(), nullptr, false);
  if (hello.is_object() && hello.value("ready", false)) return true;
  if (hello.is_object() && hello.value("fatal", "") == "no-alembic") {
    import_error_ = python + ": " + hello.value("message", "");
    stop();
    return false;
  }
  fail_dead("starting Alembic with " + python);
}

std::string AlembicWorker::read_line() {
  for (;;) {
    size_t newline = buffer_.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      return line;
    }
    char chunk[4096];
    ssize_t n = read(answers_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return {};  // the worker died
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

void AlembicWorker::fail_dead(const std::string& doing) {
  std::string log = tail_of(log_);
  stop();
  throw InputError("the Alembic worker died " + doing + (log.empty() ? "" : ":\n" + log));
}

void AlembicWorker::stop() {
  if (pid_ > 0) {
    close(requests_);  // end of requests: the worker's loop ends
    close(answers_);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (log_ != nullptr) std::fclose(log_);
  pid_ = 0;
  requests_ = answers_ = -1;
  log_ = nullptr;
  buffer_.clear();
}

nlohmann::json AlembicWorker::exchange(const std::string& verb, const std::string& revisions) {
  std::string line = verb + " " + revisions + "\n";
  if (write(requests_, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
    fail_dead("before " + verb + " " + revisions);
  }
  nlohmann::json answer = nlohmann::json::parse(read_line(), nullptr, false);
  if (!answer.is_object()) fail_dead("during " + verb + " " + revisions);
  return answer;
}

std::optional<StepFailure> AlembicWorker::failure_of(const nlohmann::json& answer,
                                                     const Revision* revision) const {
  if (answer.value("ok", false)) return std::nullopt;
  StepFailure failure{mask_password(answer.value("message", "")), answer.value("sqlstate", ""), {}};
  if (revision != nullptr) failure.location = locate(answer, options_, *revision);
  return failure;
}

std::optional<StepFailure> AlembicWorker::request(const std::string& verb,
                                                  const std::string& revision) {
  return failure_of(exchange(verb, revision), nullptr);
}

std::optional<StepFailure> AlembicWorker::upgrade(const Revision& revision) {
  return failure_of(exchange("apply", revision.id), &revision);
}

std::optional<StepFailure> AlembicWorker::downgrade(const Revision& revision) {
  return failure_of(exchange("unapply", revision.id), &revision);
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
  return batch_failure_of(exchange("apply", id_list(revisions)), revisions);
}

std::optional<MigrationApplier::BatchFailure> AlembicWorker::downgrade_all(
    const std::vector<const Revision*>& applied) {
  std::vector<const Revision*> newest_first(applied.rbegin(), applied.rend());
  return batch_failure_of(exchange("unapply", id_list(newest_first)), applied);
}

}  // namespace migcheck
