import type { FastifyReply, FastifyRequest } from 'fastify';

/** Minimal cookie handling (the local web sets only its own HttpOnly, SameSite=Strict cookies). */
export function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** fastify appends every `set-cookie` header to the list (it never replaces one). */
function append(reply: FastifyReply, cookie: string): void {
  reply.header('set-cookie', cookie);
}

export function setCookie(reply: FastifyReply, name: string, value: string): void {
  append(reply, `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict`);
}

export function clearCookie(reply: FastifyReply, name: string): void {
  append(reply, `${name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
}
