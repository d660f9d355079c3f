/** The slice of jsdom's API the extraction benchmark uses (jsdom 26 ships no types). */
declare module 'jsdom' {
  export class VirtualConsole {}
  export class JSDOM {
    constructor(html: string, options?: { url?: string; virtualConsole?: VirtualConsole });
    window: { document: Document; close(): void };
  }
}
