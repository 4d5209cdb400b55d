// Builds the libFuzzer target (tests/fuzz/fuzz_example.cpp, with ASan and
// UBSan) with clang and runs it for a bounded time: 20 s by default, or
// FUZZ_SECONDS. The committed seeds in tests/fuzz/corpus are read, never
// written; what the fuzzer finds goes to build-fuzz/corpus, kept between runs,
// and a crashing input to build-fuzz/crash-*.
import { mkdirSync } from 'node:fs';
import { buildNative, has, root, run } from './lib.mjs';

const cxx = process.env.FUZZ_CXX || ['clang++-14', 'clang++'].find(has);
if (!cxx) {
  console.error(
    'The fuzzer needs clang (Debian 12: apt-get install clang libclang-rt-14-dev; elsewhere the libclang-rt-N-dev of its clang N).',
  );
  process.exit(1);
}
const seconds = Number(process.env.FUZZ_SECONDS || 20);

const build = `${root}/build-fuzz`;
buildNative(build, [`-DCMAKE_CXX_COMPILER=${cxx}`, '-DBACKPROP_FUZZ=ON']);

mkdirSync(`${build}/corpus`, { recursive: true });
run(`${build}/backprop_fuzz`, [
  `-max_total_time=${seconds}`,
  '-max_len=512',
  '-timeout=10',
  '-print_final_stats=1',
  `-artifact_prefix=${build}/`,
  `${build}/corpus`,
  `${root}/tests/fuzz/corpus`,
]);
