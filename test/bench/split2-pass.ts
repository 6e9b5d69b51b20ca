import { createReadStream } from 'node:fs';
import split2 from 'split2';

/** The baseline: read a file and cut it into lines with split2, nothing else. */
let lines = 0;
createReadStream(process.argv[2]!)
  .pipe(split2())
  .on('data', () => lines++)
  .on('end', () => process.stdout.write(`${lines}\n`));
