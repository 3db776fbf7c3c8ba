// The bytes of one input: a file mapped into memory, or standard input read
// whole. Pages of a mapped file are the kernel's page cache, so a large input
// costs address space rather than heap.
#pragma once

#include <string>
#include <string_view>

#include "graph/status.h"

namespace sg::ingest {

class InputText {
 public:
  InputText() = default;
  ~InputText();
  InputText(const InputText&) = delete;
  InputText& operator=(const InputText&) = delete;

  // Maps `path`, or reads standard input for "-" (only once per process: a
  // second "-" sees what the first read). IOError names the path.
  static Status Open(const std::string& path, InputText* out);

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }

 private:
  std::string path_;
  std::string_view text_;
  void* map_ = nullptr;  // munmap'ed on destruction when set
  size_t map_size_ = 0;
};

}  // namespace sg::ingest
