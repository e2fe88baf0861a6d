import { Composer, Lexer, LineCounter, Parser } from 'yaml';
import type { CST } from 'yaml';
import { AppError } from '@/lib/errors';
import { tooDeepAt } from '@/lib/validation/schema-limits';
import { MAX_IMPORT_DEPTH, MAX_YAML_ALIASES, MAX_YAML_DOCUMENTS, MAX_YAML_MAP_KEYS, MAX_YAML_TOKENS } from './import-limits';

// A YAML stream (`---` separated documents) -> one value per non-empty document, bounded:
//  - documents: counted on the parser's output, which is lazy, so a file of 100,000 `---` stops
//    after MAX_YAML_DOCUMENTS + 1 without building the rest;
//  - depth: the `yaml` package's composer and toJS recurse (10,000 levels of `[` overflow the stack;
//    100,000 ran the process out of memory in a trial), and its parser slows down with depth (~10 s
//    per MiB of `[`). So the parser is fed one lexeme at a time and stopped as soon as its stack of
//    open nodes passes the limit, and the finished syntax tree is measured exactly (iteratively)
//    before the composer sees it. Aliases can nest an anchored value inside itself elsewhere: the
//    value is measured again after toJS;
//  - time: the package parses ~7 µs per token (more in flow collections) and the event loop waits
//    meanwhile, so the lexer's tokens are counted and the parse stops past MAX_YAML_TOKENS;
//  - keys: the composer checks a mapping's keys for duplicates pairwise (quadratic: 50,000 keys in
//    one mapping took over a minute in a trial), so a mapping past MAX_YAML_MAP_KEYS is refused
//    from the syntax tree, before composing;
//  - aliases: toJS's maxAliasCount refuses a billion-laughs document (a ReferenceError from the
//    package) before it expands.
// Every fault names its document (1-based) and, where the package gives a position, its line.

/** Child nodes of one syntax-tree node that can nest (collections and their items' keys and values). */
function childrenOf(node: CST.Token): CST.Token[] {
  const items: CST.CollectionItem[] =
    node.type === 'block-map' || node.type === 'block-seq' || node.type === 'flow-collection' ? node.items : [];
  const out: CST.Token[] = [];
  for (const item of items) {
    if (item.key && typeof item.key === 'object') out.push(item.key as CST.Token);
    if (item.value) out.push(item.value);
  }
  return out;
}

/** A mapping's members, in the syntax tree (a flow collection is a mapping when it opens with `{`). */
function mapMembers(node: CST.Token): number {
  if (node.type === 'block-map') return node.items.length;
  if (node.type === 'flow-collection' && node.start.source === '{') return node.items.length;
  return 0;
}

/**
 * The first bound one document's syntax tree breaks, measured iteratively, or null: collections
 * nested deeper than MAX_IMPORT_DEPTH, or a mapping with more than MAX_YAML_MAP_KEYS members.
 */
function syntaxFault(doc: CST.Document): 'depth' | 'keys' | null {
  if (!doc.value) return null;
  const stack: Array<[CST.Token, number]> = [[doc.value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop() as [CST.Token, number];
    const nests = node.type === 'block-map' || node.type === 'block-seq' || node.type === 'flow-collection';
    const here = nests ? depth + 1 : depth;
    if (here > MAX_IMPORT_DEPTH) return 'depth';
    if (mapMembers(node) > MAX_YAML_MAP_KEYS) return 'keys';
    for (const child of childrenOf(node)) stack.push([child, here]);
  }
  return null;
}

const tooDeep = (doc: number) =>
  new AppError('bad_request', `YAML document ${doc} nests deeper than ${MAX_IMPORT_DEPTH} levels (MAX_IMPORT_DEPTH)`, {
    reason: 'too_deep',
    limit: 'MAX_IMPORT_DEPTH',
    document: doc,
  });

/** Parser.parse, with the parser's stack of open nodes bounded (it holds a few more than the collections). */
function* parseBounded(text: string, lines: LineCounter, documentsBefore: () => number): Generator<CST.Token> {
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0);
  let lexemes = 0;
  for (const lexeme of new Lexer().lex(text)) {
    if (++lexemes > MAX_YAML_TOKENS) {
      throw new AppError(
        'payload_too_large',
        `the YAML file holds more than ${MAX_YAML_TOKENS} tokens (MAX_YAML_TOKENS): import it in parts`,
        {
          reason: 'too_many_tokens',
          limit: 'MAX_YAML_TOKENS',
        },
      );
    }
    yield* parser.next(lexeme);
    if (parser.stack.length > MAX_IMPORT_DEPTH + 4) throw tooDeep(documentsBefore() + 1);
  }
  yield* parser.end();
}

/** Parses every document of `text`; empty documents (a lone `---`, comments only) are left out. */
export function parseYamlDocuments(text: string): unknown[] {
  const lines = new LineCounter();
  const tokens: CST.Token[] = []; // all of them: the composer also reads directives and document ends
  const syntax: CST.Document[] = [];
  for (const token of parseBounded(text, lines, () => syntax.length)) {
    tokens.push(token);
    if (token.type !== 'document') continue;
    syntax.push(token);
    if (syntax.length > MAX_YAML_DOCUMENTS) {
      throw new AppError('payload_too_large', `the YAML file holds more than ${MAX_YAML_DOCUMENTS} documents (MAX_YAML_DOCUMENTS)`, {
        reason: 'too_many_documents',
        limit: 'MAX_YAML_DOCUMENTS',
      });
    }
  }
  syntax.forEach((doc, i) => {
    const fault = syntaxFault(doc);
    if (fault === 'depth') throw tooDeep(i + 1);
    if (fault === 'keys') {
      throw new AppError('bad_request', `YAML document ${i + 1} has a mapping of more than ${MAX_YAML_MAP_KEYS} keys (MAX_YAML_MAP_KEYS)`, {
        reason: 'too_many_keys',
        limit: 'MAX_YAML_MAP_KEYS',
        document: i + 1,
      });
    }
  });

  const composer = new Composer({ prettyErrors: false, uniqueKeys: true });
  const values: unknown[] = [];
  let n = 0;
  for (const doc of composer.compose(tokens)) {
    n += 1;
    const error = doc.errors[0];
    if (error) {
      const { line } = lines.linePos(error.pos[0]);
      throw new AppError('bad_request', `YAML document ${n} is not valid YAML (line ${line}): ${error.message}`, {
        reason: 'invalid_yaml',
        document: n,
        line,
      });
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (e) {
      if (e instanceof ReferenceError && /alias/i.test(e.message)) {
        throw new AppError(
          'bad_request',
          `YAML document ${n} expands its aliases more than ${MAX_YAML_ALIASES} times (MAX_YAML_ALIASES): refused as a resource exhaustion attack`,
          { reason: 'too_many_aliases', limit: 'MAX_YAML_ALIASES', document: n },
        );
      }
      throw new AppError('bad_request', `YAML document ${n} cannot be read: ${e instanceof Error ? e.message : String(e)}`, {
        reason: 'invalid_yaml',
        document: n,
      });
    }
    if (value === null || value === undefined) continue; // an empty document (`---` alone, comments only)
    if (tooDeepAt(value, MAX_IMPORT_DEPTH)) throw tooDeep(n);
    values.push(value);
  }
  return values;
}
