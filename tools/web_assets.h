// The web viewer's static files (tools/web/), embedded into the binary at build
// time by tools/embed_assets.cmake, so `stancegraph serve` needs no source tree.
#pragma once

#include <string_view>

namespace sg::web {

struct Asset {
  std::string_view path;          // "/index.html", "/cytoscape.min.js"
  std::string_view content_type;
  std::string_view bytes;
};

extern const Asset kAssets[];
extern const int kAssetCount;
// False when the build had no npm: kAssets then holds only a page saying so.
extern const bool kViewerBuilt;

// The asset served at `path`; nullptr when there is none.
inline const Asset* FindAsset(std::string_view path) {
  for (int i = 0; i < kAssetCount; ++i) {
    if (kAssets[i].path == path) return &kAssets[i];
  }
  return nullptr;
}

}  // namespace sg::web
