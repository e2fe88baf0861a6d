import { Composer, LineCounter, Parser } from 'yaml';
import type { CST } from 'yaml';
import { AppError } from '@/lib/errors';
import { tooDeepAt } from '@/lib/validation/schema-limits';
import { MAX_IMPORT_DEPTH, MAX_YAML_ALIASES, MAX_YAML_DOCUMENTS } from './import-limits';

// A YAML stream (`---` separated documents) -> one value per non-empty document, bounded:
//  - documents: counted on the parser's output, which is lazy, so a file of 100,000 `---` stops
//    after MAX_YAML_DOCUMENTS + 1 without building the rest;
//  - depth: the `yaml` package's lexer and parser are iterative, but its composer and toJS recurse
//    (10,000 levels of `[` overflow the stack; 100,000 made the process run out of memory in a
//    trial), so the depth of the parser's syntax tree is measured first, iteratively, and a document
//    deeper than MAX_IMPORT_DEPTH never reaches the composer. Aliases can nest an anchored value
//    inside itself elsewhere: the value is measured again after toJS;
//  - aliases: toJS's maxAliasCount refuses a billion-laughs document (a ReferenceError from the
//    package) before it expands.
// Every fault names its document (1-based) and, where the package gives a position, its line.

type Token = CST.Token | CST.CollectionItem;

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

/** How deep the collections of one document's syntax tree nest, iteratively, stopping past `max`. */
function syntaxDepthExceeds(doc: CST.Document, max: number): boolean {
  if (!doc.value) return false;
  const stack: Array<[Token, number]> = [[doc.value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop() as [CST.Token, number];
    const nests = node.type === 'block-map' || node.type === 'block-seq' || node.type === 'flow-collection';
    const here = nests ? depth + 1 : depth;
    if (here > max) return true;
    for (const child of childrenOf(node)) stack.push([child, here]);
  }
  return false;
}

const tooDeep = (doc: number) =>
  new AppError('bad_request', `YAML document ${doc} nests deeper than ${MAX_IMPORT_DEPTH} levels (MAX_IMPORT_DEPTH)`, {
    reason: 'too_deep',
    limit: 'MAX_IMPORT_DEPTH',
    document: doc,
  });

/** Parses every document of `text`; empty documents (a lone `---`, comments only) are left out. */
export function parseYamlDocuments(text: string): unknown[] {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  const tokens: CST.Token[] = []; // all of them: the composer also reads directives and document ends
  const syntax: CST.Document[] = [];
  for (const token of parser.parse(text)) {
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
    if (syntaxDepthExceeds(doc, MAX_IMPORT_DEPTH)) throw tooDeep(i + 1);
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
    if (doc.contents === null) continue;
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
    if (tooDeepAt(value, MAX_IMPORT_DEPTH)) throw tooDeep(n);
    values.push(value);
  }
  return values;
}
