#include "ci/cli.h"

int main(int argc, char** argv) { return migcheck::run_cli(argc, argv); }
