// tests/validate/serve.mjs — a small static server for tests (and previews).
//
// Serves ROOT under the URL prefix BASE (the site is deployed under a portal
// path such as /cai-cach-hanh-chinh/), the way a plain nginx would:
//   - only GET and HEAD; query strings are ignored;
//   - a request outside BASE, or for a missing file, gets ROOT/404.html
//     (or a short text) with status 404;
//   - a directory is served as its index.html; a directory asked for without
//     its trailing slash is redirected (301) to the slashed URL;
//   - Content-Type from the file extension.
//
// As a module:  const srv = await serve({ root, base });  srv.url; await srv.close();
// From a shell: node tests/validate/serve.mjs --root public --base /cai-cach-hanh-chinh/ [--port 8080]

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.xsl': 'application/xslt+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.zip': 'application/zip',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
};

export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/** Normalizes a URL prefix to "/x/y/" form ("" or "/" → "/"). */
export function normBase(base) {
  let b = String(base ?? '/').trim();
  if (!b.startsWith('/')) b = '/' + b;
  if (!b.endsWith('/')) b += '/';
  return b.replace(/\/{2,}/g, '/');
}

/**
 * Starts the server on 127.0.0.1 (port 0 = a free one).
 * Resolves to { url, port, base, close() }; url is the full base URL.
 * onRequest(method, pathname, status), if given, is called for every request.
 */
export async function serve({ root, base = '/', port = 0, onRequest } = {}) {
  const rootAbs = fs.realpathSync(path.resolve(root));
  base = normBase(base);

  async function send(req, res, status, file, body) {
    const headers = { 'Cache-Control': 'no-store' };
    if (file) {
      const st = await fsp.stat(file);
      headers['Content-Type'] = contentType(file);
      headers['Content-Length'] = st.size;
      res.writeHead(status, headers);
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } else {
      body = Buffer.from(body ?? '', 'utf8');
      headers['Content-Type'] = 'text/plain; charset=utf-8';
      headers['Content-Length'] = body.length;
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    }
  }

  async function notFound(req, res) {
    const f = path.join(rootAbs, '404.html');
    if (await isFile(f)) return send(req, res, 404, f);
    return send(req, res, 404, null, '404 Not Found\n');
  }

  async function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(req, res, 405, null, '405 Method Not Allowed\n');
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(req, res, 400, null, '400 Bad Request\n');
    }
    if (pathname.includes('\0')) return send(req, res, 400, null, '400 Bad Request\n');
    // The directory itself without its slash: /prefix → /prefix/
    if (pathname + '/' === base) return redirect(res, base);
    if (!pathname.startsWith(base)) return notFound(req, res);
    const rel = pathname.slice(base.length);
    const file = path.resolve(rootAbs, '.' + path.posix.sep + rel);
    if (file !== rootAbs && !file.startsWith(rootAbs + path.sep)) return notFound(req, res);
    let st;
    try {
      st = await fsp.stat(file);
    } catch {
      return notFound(req, res);
    }
    if (st.isDirectory()) {
      if (!pathname.endsWith('/')) return redirect(res, encodeURI(pathname) + '/');
      const index = path.join(file, 'index.html');
      if (await isFile(index)) return send(req, res, 200, index);
      return notFound(req, res);
    }
    if (!st.isFile()) return notFound(req, res);
    return send(req, res, 200, file);
  }

  function redirect(res, location) {
    res.writeHead(301, { Location: location, 'Content-Length': 0 });
    res.end();
  }

  const server = http.createServer((req, res) => {
    handle(req, res)
      .catch((e) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`500 ${e.message}\n`);
      })
      .finally(() => {
        if (onRequest) onRequest(req.method, req.url, res.statusCode);
      });
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = server.address().port;
  return {
    server,
    port: actual,
    base,
    origin: `http://127.0.0.1:${actual}`,
    url: `http://127.0.0.1:${actual}${base}`,
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function isFile(f) {
  try {
    return (await fsp.stat(f)).isFile();
  } catch {
    return false;
  }
}

// CLI: preview a built site.
if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = { root: 'public', base: '/', port: 8080 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--root') opt.root = args[++i];
    else if (a === '--base') opt.base = args[++i];
    else if (a === '--port') opt.port = Number(args[++i]);
    else {
      console.error('usage: node serve.mjs [--root DIR] [--base /prefix/] [--port N]');
      process.exit(2);
    }
  }
  const srv = await serve({
    ...opt,
    onRequest: (m, u, s) => console.log(`${s} ${m} ${u}`),
  });
  console.log(`serving ${path.resolve(opt.root)} at ${srv.url}`);
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
