# Values stored in RocksDB (docs/storage-format.md). FROZEN: only add fields with
# new ordinals; never change a field's type, default or ordinal, never reuse one.
@0xfbb0d2016250846c;

$import "/capnp/c++.capnp".namespace("sg::schema");

# Node kinds and relations are stored as their numeric values from graph/model.h
# (UInt8), so that a new kind needs no schema change.

struct Property {
  key @0 :Text;
  value @1 :Text;
}

struct Node {
  id @0 :UInt64;
  kind @1 :UInt8;
  name @2 :Text;            # canonical name
  aliases @3 :List(Text);   # other names seen, in first-seen order
  code @4 :Text;            # ISO 3166 alpha-3 for states
  properties @5 :List(Property);
}

struct Edge {
  id @0 :UInt64;
  source @1 :UInt64;
  relation @2 :UInt8;
  target @3 :UInt64;
  claimCount @4 :UInt32;
  articleCount @5 :UInt32;
  firstDate @6 :Text;       # ISO date of the earliest dated claim, "" when none
  lastDate @7 :Text;
  titles @8 :List(Text);    # distinct office titles, sorted
  outlets @9 :List(Text);   # distinct cited outlets and publishing sources, sorted
  titleCounts @10 :List(UInt32);   # claims naming each of `titles`, same order
  outletCounts @11 :List(UInt32);  # claims naming each of `outlets`, same order
}

struct SourceCite {
  name @0 :Text;
  date @1 :Text;
}

struct Claim {
  id @0 :UInt64;
  articleId @1 :Text;
  source @2 :UInt64;        # resolved subject node
  relation @3 :UInt8;
  target @4 :UInt64;        # resolved object node
  subjectText @5 :Text;     # the names as the claim gave them
  objectText @6 :Text;
  sentence @7 :Text;
  sentenceNo @8 :UInt32;
  spanBegin @9 :UInt32;
  spanEnd @10 :UInt32;
  cue @11 :Text;
  sources @12 :List(SourceCite);
  date @13 :Text;
  polarity @14 :Int8 = 1;
  rule @15 :Text;
  confidence @16 :Float32 = 1.0;
  title @17 :Text;
  properties @18 :List(Property);
  publisher @19 :Text;      # the outlet that published the article
}

struct Article {
  id @0 :Text;
  title @1 :Text;
  date @2 :Text;
  url @3 :Text;
  source @4 :Text;
  author @5 :Text;
  contentHash @6 :Text;
  claimIds @7 :List(UInt64);
  path @8 :Text;
  node @9 :UInt64;          # the Article node
}
