// Builds the native core with its GoogleTest suite and runs it with CTest.
// With --sanitize (or BACKPROP_SANITIZE=1) the build uses AddressSanitizer and
// UBSan, in its own directory; any report stops the test run.
import { buildNative, root, run } from './lib.mjs';

const sanitize = process.argv.includes('--sanitize') || process.env.BACKPROP_SANITIZE === '1';
const build = `${root}/build-native${sanitize ? '-sanitize' : ''}`;
buildNative(build, [`-DBACKPROP_SANITIZE=${sanitize ? 'ON' : 'OFF'}`]);
run('ctest', ['--test-dir', build, '--output-on-failure']);
