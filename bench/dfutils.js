// Peer benchmark for bench/run.sh: dockerfile-utils' validate() over every
// file named in LIST (one path a line), in this one Node.js process.
// usage: node bench/dfutils.js LIST   (after `npm install` in bench/)
'use strict';
const fs = require('fs');
const { validate } = require('dockerfile-utils');

const list = process.argv[2];
if (!list) {
  console.error('usage: node dfutils.js LIST');
  process.exit(2);
}
const files = fs.readFileSync(list, 'utf8').split('\n').filter(Boolean);
let diagnostics = 0;
for (const file of files) {
  diagnostics += validate(fs.readFileSync(file, 'utf8')).length;
}
// Printed so the work cannot be skipped; run.sh discards it.
console.log(`${files.length} files, ${diagnostics} diagnostics`);
