// Builds the native core with its GoogleTest suite and runs it with CTest.
// With --sanitize (or BACKPROP_SANITIZE=1) the build uses AddressSanitizer and
// UBSan, in its own directory; any report stops the test run.
import { root, run } from './lib.mjs';

const sanitize = process.argv.includes('--sanitize') || process.env.BACKPROP_SANITIZE === '1';
const build = `${root}/build-native${sanitize ? '-sanitize' : ''}`;
run('cmake', [
  '-S',
  root,
  '-B',
  build,
  '-DCMAKE_BUILD_TYPE=Release',
  `-DBACKPROP_SANITIZE=${sanitize ? 'ON' : 'OFF'}`,
]);
run('cmake', ['--build', build, '-j2']);
run('ctest', ['--test-dir', build, '--output-on-failure']);
