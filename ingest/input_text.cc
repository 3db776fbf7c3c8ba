#include "ingest/input_text.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <iterator>

namespace sg::ingest {
namespace {

const std::string& Stdin() {
  static const std::string* text = new std::string(std::istreambuf_iterator<char>(std::cin),
                                                   std::istreambuf_iterator<char>());
  return *text;
}

Status Errno(const std::string& path, const char* what) {
  return Status::IOError(path + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

InputText::~InputText() {
  if (map_) munmap(map_, map_size_);
}

Status InputText::Open(const std::string& path, InputText* out) {
  out->path_ = path;
  if (path == "-") {
    out->text_ = Stdin();
    return Status::OK();
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno(path, "cannot open");
  struct stat st;
  if (fstat(fd, &st) != 0) {
    Status s = Errno(path, "cannot stat");
    ::close(fd);
    return s;
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::InvalidInput(path + ": not a regular file");
  }
  if (st.st_size > 0) {
    void* map = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
      Status s = Errno(path, "cannot map");
      ::close(fd);
      return s;
    }
    madvise(map, static_cast<size_t>(st.st_size), MADV_SEQUENTIAL);
    out->map_ = map;
    out->map_size_ = static_cast<size_t>(st.st_size);
    out->text_ = std::string_view(static_cast<const char*>(map), out->map_size_);
  }
  ::close(fd);
  return Status::OK();
}

}  // namespace sg::ingest
