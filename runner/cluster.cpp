#include "runner/cluster.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

#include "runner/child_process.h"
#include "runner/cluster_template.h"
#include "runner/conninfo.h"
#include "runner/owned_temp_dir.h"
#include "runner/teardown_signals.h"

namespace fs = std::filesystem;

namespace migcheck {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(60);
constexpr int kStopGraceMilliseconds = 10000;

constexpr std::uintmax_t kMinimumShmBytes = std::uintmax_t{1} << 30;

// Where clusters live. A cluster is a thousand small files: creating them on a
// disk file system takes over a second here, on tmpfs a tenth of that, so
// /dev/shm is used when it has room (Docker's default 64 MB has not), unless
// TMPDIR says where temporary files go. Unix socket paths are limited to 107
// bytes: a long temp dir gives way to /tmp.
fs::path run_parent() {
  const char* tmpdir = std::getenv("TMPDIR");
  std::error_code error;
  fs::space_info shm = fs::space("/dev/shm", error);
  if ((tmpdir == nullptr || tmpdir[0] == '\0') && !error && shm.available >= kMinimumShmBytes &&
      access("/dev/shm", W_OK) == 0) {
    return "/dev/shm";
  }
  fs::path temp = fs::temp_directory_path();
  return temp.string().size() <= 40 ? temp : fs::path("/tmp");
}

void write_all(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

// Up to and with the first newline, or everything when there is none.
std::string read_line(int fd) {
  std::string line;
  char c;
  for (;;) {
    ssize_t n = read(fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return line;
    line += c;
    if (c == '\n') return line;
  }
}

std::string read_all(int fd) {
  std::string text;
  char buffer[4096];
  for (;;) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return text;
    text.append(buffer, static_cast<size_t>(n));
  }
}

void stop_server(pid_t server) {
  kill(server, SIGQUIT);  // immediate shutdown: the data is thrown away anyway
  for (int waited = 0; waited < kStopGraceMilliseconds; waited += 10) {
    if (waitpid(server, nullptr, WNOHANG) == server) return;
    usleep(10000);
  }
  kill(server, SIGKILL);
  waitpid(server, nullptr, 0);
}

// True when migcheck closed the control pipe or died, waiting up to `timeout_ms`.
bool owner_gone(int control_fd, int timeout_ms) {
  pollfd control{control_fd, POLLIN, 0};
  if (poll(&control, 1, timeout_ms) <= 0) return false;
  char byte;
  return read(control_fd, &byte, 1) <= 0;
}

// The cluster's directory, made by the watchdog so that a process is there
// to remove it from the instant it exists: a copy of the template, and the
// socket's directory, both 0700 and the server account's.
fs::path make_run_dir(const fs::path& parent, const fs::path& template_dir,
                      const ServerAccount& account) {
  fs::path run_dir = make_owned_temp_dir(parent, "migcheck");
  try {
    fs::copy(template_dir, run_dir / "data", fs::copy_options::recursive);
    fs::permissions(run_dir / "data", fs::perms::owner_all, fs::perm_options::replace);
    fs::create_directory(run_dir / "socket");
    fs::permissions(run_dir / "socket", fs::perms::owner_all, fs::perm_options::replace);
    give_tree(run_dir, account);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(run_dir, ignored);
    throw;
  }
  return run_dir;
}

// The server's arguments for the cluster in `run_dir`.
std::vector<std::string> server_argv(const fs::path& pg_bin, const fs::path& run_dir) {
  return {(pg_bin / "postgres").string(),
          "-D",
          (run_dir / "data").string(),
          "-k",
          (run_dir / "socket").string(),
          "-c",
          "listen_addresses=",
          "-c",
          "fsync=off",
          "-c",
          "synchronous_commit=off",
          "-c",
          "full_page_writes=off"};
}

// The watchdog: it makes the cluster's directory and is the server's parent,
// in its own session so a terminal's ^C reaches migcheck (which then tears
// down in order) and not the server. It first writes the directory's path and
// a newline on `status_fd`, or why it could not make it (and exits); later
// the server's log, if the server dies.
[[noreturn]] void run_watchdog(int control_fd, int status_fd, const fs::path& pg_bin,
                               const fs::path& template_dir, const fs::path& parent,
                               const ServerAccount& account) {
  setsid();
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) signal(signal_number, SIG_IGN);
  redirect_standard_streams(-1);
  close_other_fds({control_fd, status_fd});
  fs::path run_dir;
  try {
    run_dir = make_run_dir(parent, template_dir, account);
  } catch (const std::exception& error) {
    write_all(status_fd, error.what());
    _exit(1);
  }
  write_all(status_fd, run_dir.string() + "\n");
  std::error_code ignored;
  if (owner_gone(control_fd, 0)) {  // migcheck died while the directory was made
    fs::remove_all(run_dir, ignored);
    _exit(0);
  }
  fs::path log_path = run_dir / "server.log";
  int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log >= 0 && account.switch_user && fchown(log, account.uid, account.gid) != 0) {
    close(log);
    log = -1;
  }
  std::vector<std::string> argv = server_argv(pg_bin, run_dir);
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  pid_t watchdog = getpid();
  pid_t server = fork();
  if (server < 0) {
    write_all(status_fd, "cannot fork the server");
    fs::remove_all(run_dir, ignored);
    _exit(1);
  }
  if (server == 0) {
    for (int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) signal(signal_number, SIG_DFL);
    redirect_standard_streams(log);
    close_other_fds({});
    if (!become(account) || !die_with_parent(SIGQUIT, watchdog)) _exit(126);
    execv(args[0], args.data());
    _exit(127);
  }
  if (log >= 0) close(log);

  for (;;) {
    if (owner_gone(control_fd, 100)) break;
    if (server > 0 && waitpid(server, nullptr, WNOHANG) == server) {
      std::ifstream in(log_path);
      std::stringstream text;
      text << in.rdbuf();
      write_all(status_fd, text.str());
      server = 0;
      break;
    }
  }
  if (server > 0) stop_server(server);
  close(status_fd);
  fs::remove_all(run_dir, ignored);
  _exit(0);
}

std::string last_lines(const std::string& text, int count) {
  size_t end = text.size();
  while (end > 0 && text[end - 1] == '\n') --end;
  size_t begin = end;
  for (int lines = 0; begin > 0; --begin) {
    if (text[begin - 1] == '\n' && ++lines == count) break;
  }
  return text.substr(begin, end - begin);
}

}  // namespace

Cluster::Cluster(const ClusterOptions& options) : account_(server_account()) {
  fs::path pg_bin = find_pg_bin(options.pg_bin);
  fs::path template_dir = cluster_template(pg_bin, account_);
  fs::path parent = run_parent();
  remove_stale_temp_dirs(parent, "migcheck");
  int control[2];
  int status[2];
  if (pipe2(control, O_CLOEXEC) != 0 || pipe2(status, O_CLOEXEC) != 0) {
    throw std::system_error(errno, std::generic_category(), "pipe");
  }
  pid_t pid = fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid == 0) run_watchdog(control[0], status[1], pg_bin, template_dir, parent, account_);
  close(control[0]);
  close(status[1]);
  control_fd_ = control[1];
  status_fd_ = status[0];
  watchdog_ = pid;
  register_cluster_watchdog(control_fd_, watchdog_);
  std::string made = read_line(status_fd_);
  if (made.empty() || made.back() != '\n') {
    stop();
    throw std::runtime_error("cannot create the cluster's directory: " + made);
  }
  made.pop_back();
  run_dir_ = made;
  try {
    wait_until_ready();
  } catch (...) {
    stop();
    throw;
  }
}

Cluster::~Cluster() {
  stop();
}

void Cluster::stop() {
  if (watchdog_ == 0) return;
  unregister_cluster_watchdog(watchdog_);
  close(control_fd_);
  while (waitpid(watchdog_, nullptr, 0) < 0 && errno == EINTR) {
  }
  close(status_fd_);
  watchdog_ = 0;
  control_fd_ = status_fd_ = -1;
}

void Cluster::wait_until_ready() {
  std::string conninfo = endpoint("postgres").conninfo;
  auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  for (;;) {
    PGPing ping = PQping(conninfo.c_str());
    if (ping == PQPING_OK) return;
    if (ping == PQPING_NO_ATTEMPT) throw std::runtime_error("bad connection string " + conninfo);
    if (waitpid(watchdog_, nullptr, WNOHANG) == watchdog_) {
      unregister_cluster_watchdog(watchdog_);
      watchdog_ = 0;
      std::string log = read_all(status_fd_);
      close(control_fd_);
      close(status_fd_);
      control_fd_ = status_fd_ = -1;
      throw std::runtime_error("PostgreSQL did not start: " + last_lines(log, 5));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("PostgreSQL did not accept connections within 60 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

DatabaseEndpoint Cluster::endpoint(const std::string& database) const {
  DatabaseEndpoint result;
  result.conninfo = "host=" + conninfo_quote(socket_dir().string()) +
                    " user=" + conninfo_quote(kClusterSuperuser) +
                    " dbname=" + conninfo_quote(database);
  result.url = std::string("postgresql://") + kClusterSuperuser + "@/" + database +
               "?host=" + socket_dir().string();
  result.display = result.url;
  return result;
}

}  // namespace migcheck
