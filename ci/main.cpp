#include <csignal>

#include "ci/checked_stdout.h"
#include "ci/cli.h"

int main(int argc, char** argv) {
  // Past a file size limit (ulimit -f) a write then fails with EFBIG, which
  // migcheck reports, instead of the signal killing it mid-write.
  std::signal(SIGXFSZ, SIG_IGN);
  migcheck::CheckedStdout output;
  return output.finish(migcheck::run_cli(argc, argv));
}
