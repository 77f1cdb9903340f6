// The floor under `migcheck heads` on this machine: list a directory and read
// every file in it with the same system calls migcheck's disk tree makes
// (open, fstat, one read, close), on N threads, and nothing else.
//
// usage: read_floor DIRECTORY [THREADS]
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: read_floor DIRECTORY [THREADS]\n");
    return 2;
  }
  std::string directory = argv[1];
  int threads = argc > 2 ? std::atoi(argv[2]) : 1;
  std::vector<std::string> paths;
  DIR* stream = opendir(directory.c_str());
  if (!stream) return 2;
  while (const dirent* entry = readdir(stream)) {
    if (entry->d_type == DT_REG) paths.push_back(directory + "/" + entry->d_name);
  }
  closedir(stream);
  std::atomic<size_t> next{0}, bytes{0};
  auto work = [&] {
    std::string buffer;
    for (size_t i = next++; i < paths.size(); i = next++) {
      int fd = open(paths[i].c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) continue;
      struct stat status;
      if (fstat(fd, &status) == 0) {
        buffer.resize(static_cast<size_t>(status.st_size));
        ssize_t n = read(fd, buffer.data(), buffer.size());
        if (n > 0) bytes += static_cast<size_t>(n);
      }
      close(fd);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(work);
  for (std::thread& thread : pool) thread.join();
  std::printf("%zu files, %zu bytes\n", paths.size(), bytes.load());
}
