"""Make s3rver's object writes atomic and conditional (run by `make install` after `npm ci`).

Tansu keeps its state on S3 as objects it updates with conditional PUTs
(`If-Match: <etag>`, `If-None-Match: *`): optimistic concurrency. s3rver 3.7.1
falls short of S3 twice, and both lose data across a broker restart:

* it ignores If-Match / If-None-Match on PUT, so concurrent updates of one
  object (watermarks, group offsets, producer state) silently overwrite each
  other; Tansu only notices when it reloads the stale object after a restart
  (seen: committed offsets gone, a high watermark of 0 under 2,000 records);
* it streams a PUT body straight into the object's file, so an upload cut off
  by a killed broker leaves a truncated object that Tansu then fails to read
  for ever.

This patch (1) serialises PUTs per key and answers 412 PreconditionFailed when
If-Match / If-None-Match does not hold, as S3 does, and (2) writes the body to
a temporary file renamed into place only once all Content-Length bytes have
arrived. Temporary names do not end in `._S3rver_object`, so listings never
show them. (3) With SITREP_S3RVER_REQUEST_LOG set to a file, every request is
appended to it as one JSON line (time, method, key, If-Match, If-None-Match,
status, body size): the evidence of what the broker asked for and was answered
across a fault (tests/faults, SITREP_S3_REQUEST_LOG=true with `sitrep up --durable`).
(4) A listing longer than max-keys (1,000) answered 500: s3rver encrypts its
continuation token with DES, which Node 17+ (OpenSSL 3) no longer has. Tansu
lists a partition's record batches on every fetch, so once a partition held
1,000 batches no consumer could read it again. The token is now plain.
(5) A listing walked the directory with readdir then stat, and a PUT's
temporary file renamed away in between made it answer 500 (ENOENT); an
object's metadata and MD5 files were rewritten in place, so a concurrent
GET or listing could parse half of one (500, "Unexpected end of JSON
input"). Both seen in the broker's request log; both are now tolerated or
written aside and renamed.

A PUT reads its whole body before it queues for its key (Tansu's objects are
small). Queued on the socket instead, a request whose client went away while
it waited (a broker stopped or killed) took the key, then waited for ever on
a body that would never come, and every later PUT of that key (a partition's
watermark) timed out behind it: the broker stalled until restarted again.

Usage: python deploy/npm/patch_s3rver.py NODE_MODULES_DIR   (idempotent)
"""

from __future__ import annotations

import sys
from pathlib import Path

MARK = "// sitrep: atomic putObject v2"

ORIGINAL = """    const [size, md5] = await new Promise((resolve, reject) => {
      const writeStream = fs.createWriteStream(objectPath);
      const md5Context = crypto.createHash('md5');

      if (Buffer.isBuffer(object.content)) {
        writeStream.end(object.content);
        md5Context.update(object.content);
        resolve([object.content.length, md5Context.digest('hex')]);
      } else {
        let totalLength = 0;
        object.content
          .pipe(
            new Transform({
              transform(chunk, encoding, callback) {
                md5Context.update(chunk, encoding);
                totalLength += chunk.length;
                callback(null, chunk);
              },
            }),
          )
          .on('error', reject)
          .on('finish', () => resolve([totalLength, md5Context.digest('hex')]))
          .pipe(writeStream);
      }
    });
"""

ATOMIC = (
    """    const [size, md5] = await new Promise((resolve, reject) => {
      """
    + MARK
    + """: into a temporary file, renamed into place only once
      // the whole body has arrived, so a cut-off upload leaves no truncated object.
      const partPath = `${objectPath}.part-${process.pid}-${Date.now()}-${Math.random()
        .toString(36)
        .slice(2)}`;
      const writeStream = fs.createWriteStream(partPath);
      const md5Context = crypto.createHash('md5');
      const expected = object.metadata['content-length'];
      let totalLength = 0;
      let failed = false;
      const fail = err => {
        if (failed) return;
        failed = true;
        writeStream.destroy();
        fs.remove(partPath).then(() => reject(err), () => reject(err));
      };
      writeStream.on('error', fail);
      writeStream.on('finish', () => {
        if (failed) return;
        if (expected !== undefined && Number(expected) !== totalLength) {
          fail(new Error(`upload cut off: ${totalLength} of ${expected} bytes`));
          return;
        }
        fs.rename(partPath, objectPath).then(
          () => resolve([totalLength, md5Context.digest('hex')]),
          fail,
        );
      });
      if (Buffer.isBuffer(object.content)) {
        totalLength = object.content.length;
        md5Context.update(object.content);
        writeStream.end(object.content);
      } else {
        object.content
          .on('error', fail)
          .on('aborted', () => fail(new Error('upload aborted')))
          .pipe(
            new Transform({
              transform(chunk, encoding, callback) {
                md5Context.update(chunk, encoding);
                totalLength += chunk.length;
                callback(null, chunk);
              },
            }),
          )
          .on('error', fail)
          .pipe(writeStream);
      }
    });
"""
)


CONTROLLER_ORIGINAL = """exports.putObject = async function putObject(ctx) {
  const object = new S3Object(
    ctx.params.bucket,
    ctx.params.key,
    ctx.req,
"""

CONDITIONAL = (
    """"""
    + MARK
    + """: PUTs of one key one at a time, so that checking a
// precondition and writing are one step, and If-Match / If-None-Match honoured as S3 does.
const sitrepLocks = new Map();

async function sitrepLock(key) {
  const previous = sitrepLocks.get(key) || Promise.resolve();
  let release;
  const current = new Promise(resolve => {
    release = resolve;
  });
  const tail = previous.then(() => current);
  sitrepLocks.set(key, tail);
  await previous;
  return () => {
    release();
    if (sitrepLocks.get(key) === tail) sitrepLocks.delete(key);
  };
}

async function sitrepPrecondition(ctx) {
  const ifMatch = ctx.headers['if-match'];
  const ifNoneMatch = ctx.headers['if-none-match'];
  if (!ifMatch && !ifNoneMatch) return;
  let etag = null;
  try {
    etag = (await ctx.store.getMetadata(ctx.params.bucket, ctx.params.key)).etag;
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  const bare = value =>
    String(value)
      .trim()
      .replace(/^W\\//, '')
      .replace(/"/g, '');
  const matchFails =
    ifMatch &&
    (etag === null || (ifMatch.trim() !== '*' && bare(ifMatch) !== bare(etag)));
  const noneMatchFails =
    ifNoneMatch &&
    etag !== null &&
    (ifNoneMatch.trim() === '*' || bare(ifNoneMatch) === bare(etag));
  if (matchFails || noneMatchFails) {
    throw new S3Error(
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
      { Condition: matchFails ? 'If-Match' : 'If-None-Match' },
    );
  }
}

// The whole body first, then the key's turn: a client that goes away mid-upload never
// holds the key, and nothing under the lock waits on a socket.
function sitrepReadBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let ended = false;
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      ended = true;
      resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!ended) reject(new Error('the client went away before its upload was complete'));
    });
  });
}

exports.putObject = async function putObject(ctx) {
  const body = await sitrepReadBody(ctx.req);
  const release = await sitrepLock(`${ctx.params.bucket}/${ctx.params.key}`);
  try {
    await sitrepPrecondition(ctx);
    return await sitrepPutObject(ctx, body);
  } finally {
    release();
  }
};

async function sitrepPutObject(ctx, body) {
  const object = new S3Object(
    ctx.params.bucket,
    ctx.params.key,
    body,
"""
)


LOG_MARK = "// sitrep: request log v1"
TOKEN_MARK = "// sitrep: continuation tokens without DES v1"

TOKEN_ORIGINAL = """function generateContinuationToken(bucket, keyName, region) {
  const key = Buffer.alloc(8, 'S3RVER', 'utf8');
  const iv = crypto.randomBytes(8);
  // ensure the first byte of IV lies between [212, 216)
  iv[0] = (iv[0] & 0b00000011) | 0b11010100;
  // use DES for its 8-byte block size
  // (real S3 has blocks of lengths [9,8,7] repeating)
  const cipher = crypto.createCipheriv('des', key, iv);
  return Buffer.concat([
    iv,
    cipher.update(`${region}/${bucket}/${keyName}`, 'utf8'),
    cipher.final(),
  ]).toString('base64');
}

function decipherContinuationToken(token) {
  const buf = Buffer.from(token, 'base64');
  if (buf.length < 8) return '';
  const key = Buffer.alloc(8, 'S3RVER', 'utf8');
  const iv = buf.slice(0, 8);
  const decipher = crypto.createDecipheriv('des', key, iv);
  const ciphertext = buf.slice(8);
  return Buffer.concat([
    decipher.update(ciphertext),
    decipher.final(),
  ]).toString('utf8');
}
"""

TOKEN_PLAIN = (
    TOKEN_MARK
    + """: Node 17+ (OpenSSL 3) has no DES, so every truncated
// listing (more than max-keys, 1,000 by default) answered 500 InternalError, and a client
// could never list past the first 1,000 keys. Tokens are opaque to clients: 8 random
// bytes and the last key listed do.
function generateContinuationToken(bucket, keyName, region) {
  const nonce = crypto.randomBytes(8);
  return Buffer.concat([nonce, Buffer.from(`${region}/${bucket}/${keyName}`, 'utf8')]).toString(
    'base64',
  );
}

function decipherContinuationToken(token) {
  const buf = Buffer.from(token, 'base64');
  return buf.length < 8 ? '' : buf.slice(8).toString('utf8');
}
"""
)


SERVER_ORIGINAL = """    // Log all requests
    this.use(loggerMiddleware(this, silent));
"""

REQUEST_LOG = (
    SERVER_ORIGINAL
    + """
    """
    + LOG_MARK
    + """: one JSON line per request, when SITREP_S3RVER_REQUEST_LOG names a file.
    if (process.env.SITREP_S3RVER_REQUEST_LOG) {
      const sitrepLog = require('fs').createWriteStream(process.env.SITREP_S3RVER_REQUEST_LOG, {
        flags: 'a',
      });
      this.use(async (ctx, next) => {
        const entry = {
          t: new Date().toISOString(),
          method: ctx.method,
          path: ctx.path,
          query: ctx.querystring || undefined,
          if_match: ctx.headers['if-match'],
          if_none_match: ctx.headers['if-none-match'],
          length: ctx.headers['content-length'],
        };
        try {
          await next();
          entry.status = ctx.status;
        } catch (err) {
          entry.status = err.status || 500;
          entry.error = err.code || err.message;
          throw err;
        } finally {
          entry.ms = Date.now() - Date.parse(entry.t);
          sitrepLog.write(JSON.stringify(entry) + '\\n');
        }
      });
    }
"""
)


RACES_MARK = "// sitrep: listings and metadata without torn reads v1"

WALK_ORIGINAL = """    const filePath = path.posix.join(dir, filename);
    const stats = fs.statSync(filePath);
"""

WALK_TOLERANT = (
    """    const filePath = path.posix.join(dir, filename);
    """
    + RACES_MARK
    + """: a file renamed or removed between readdir and stat (a
    // PUT's temporary file) is not there any more, not an error (it answered 500).
    let stats;
    try {
      stats = fs.statSync(filePath);
    } catch (err) {
      if (err.code === 'ENOENT') continue;
      throw err;
    }
"""
)

METADATA_ORIGINAL = """    if (md5) await fs.writeFile(md5Path, md5);
    await fs.writeFile(metadataPath, JSON.stringify(json, null, 2));
"""

METADATA_ATOMIC = (
    """    """
    + RACES_MARK
    + """: written aside and renamed into place, so a reader
    // (a GET, a listing) never parses half a file ("Unexpected end of JSON input", 500).
    const replace = async (target, data) => {
      const aside = `${target}.part-${process.pid}-${Math.random().toString(36).slice(2)}`;
      await fs.writeFile(aside, data);
      await fs.rename(aside, target);
    };
    if (md5) await replace(md5Path, md5);
    await replace(metadataPath, JSON.stringify(json, null, 2));
"""
)


def _patch(path: Path, original: str, patched: str, mark: str = MARK) -> bool:
    source = path.read_text(encoding="utf-8")
    if mark in source:
        return True
    if original not in source:
        print(f"{path}: not the code this patch expects (s3rver 3.7.1)", file=sys.stderr)
        return False
    path.write_text(source.replace(original, patched, 1), encoding="utf-8")
    print(f"patched {path}")
    return True


def main(node_modules: str) -> int:
    lib = Path(node_modules) / "s3rver" / "lib"
    ok = _patch(lib / "stores" / "filesystem.js", ORIGINAL, ATOMIC)
    ok = _patch(lib / "controllers" / "object.js", CONTROLLER_ORIGINAL, CONDITIONAL) and ok
    ok = _patch(lib / "s3rver.js", SERVER_ORIGINAL, REQUEST_LOG, LOG_MARK) and ok
    ok = _patch(lib / "controllers" / "bucket.js", TOKEN_ORIGINAL, TOKEN_PLAIN, TOKEN_MARK) and ok
    ok = _patch(lib / "utils.js", WALK_ORIGINAL, WALK_TOLERANT, RACES_MARK) and ok
    store = lib / "stores" / "filesystem.js"
    ok = _patch(store, METADATA_ORIGINAL, METADATA_ATOMIC, RACES_MARK) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
