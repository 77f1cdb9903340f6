#include "linter/big_stack_thread.h"

#include <exception>
#include <stdexcept>
#include <string>

namespace migcheck {

namespace {
void* trampoline(void* arg) {
  (*static_cast<std::function<void()>*>(arg))();
  return nullptr;
}
}  // namespace

BigStackThread::BigStackThread(std::function<void()> work) : work_(std::move(work)) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kParserStackBytes);
  int rc = pthread_create(&thread_, &attr, trampoline, &work_);
  pthread_attr_destroy(&attr);
  if (rc != 0) throw std::runtime_error("cannot start a parser thread (error " + std::to_string(rc) + ")");
  joinable_ = true;
}

BigStackThread::~BigStackThread() { join(); }

void BigStackThread::join() {
  if (joinable_) {
    pthread_join(thread_, nullptr);
    joinable_ = false;
  }
}

void run_with_big_stack(const std::function<void()>& work) {
  std::exception_ptr error;
  BigStackThread thread([&] {
    try {
      work();
    } catch (...) {
      error = std::current_exception();
    }
  });
  thread.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace migcheck
