// Corpus replay without libFuzzer: runs LLVMFuzzerTestOneInput over every file
// named on the command line, directories walked recursively in sorted order. The
// normal (GCC) build links it with each target as fuzz_replay_<target>, and ctest
// replays tests/fuzz/corpus/<target>/ on every run, so CI exercises the corpora
// and the crash reproducers kept there without clang.
//
// Exit status: 0 when every input ran (a failing property aborts), 1 when an
// argument cannot be read or no input was found.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

namespace fs = std::filesystem;

bool Collect(const fs::path& arg, std::vector<fs::path>* files) {
  std::error_code ec;
  if (!fs::is_directory(arg, ec)) {
    if (!fs::is_regular_file(arg, ec)) return false;
    files->push_back(arg);
    return true;
  }
  for (auto it = fs::recursive_directory_iterator(arg, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file()) files->push_back(it->path());
  }
  return !ec;
}

bool Run(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // A heap copy of exactly the input's size, so ASan sees reads past its end.
  std::vector<uint8_t> data(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(data.data(), data.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    if (!Collect(argv[i], &files)) {
      std::fprintf(stderr, "replay: cannot read %s\n", argv[i]);
      return 1;
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::fprintf(stderr, "replay: no inputs\n");
    return 1;
  }
  for (const fs::path& f : files) {
    std::fprintf(stderr, "replay: %s\n", f.c_str());
    if (!Run(f)) {
      std::fprintf(stderr, "replay: cannot read %s\n", f.c_str());
      return 1;
    }
  }
  std::printf("replay: %zu input(s) ran\n", files.size());
  return 0;
}
