import { describe, expect, it } from 'vitest';
import { GoTemplateError, compileGoTemplate, renderGoTemplate } from '../../../src/commands/printers/go-template.ts';
import { listWrapper } from '../../../src/commands/printers/yaml.ts';

const pod = {
  kind: 'Pod',
  metadata: { name: 'web', labels: { tier: 'front', app: 'web' }, annotations: { note: 'a\nb' }, owner: null },
  spec: { replicas: 3, ratio: 0.5, big: 1000000, containers: [{ name: 'nginx', port: 80 }, { name: 'log' }] },
  status: { phase: 'Running', data: 'aGk=' },
};

function render(template: string, data: unknown = pod, allowMissingKeys = true): string {
  return renderGoTemplate(compileGoTemplate(template), data, { allowMissingKeys });
}

function failure(template: string, data: unknown = pod, allowMissingKeys = true): GoTemplateError {
  try {
    render(template, data, allowMissingKeys);
  } catch (e) {
    if (e instanceof GoTemplateError) return e;
    throw e;
  }
  throw new Error('template did not fail');
}

describe('go-template output', () => {
  it.each<[string, string]>([
    ['{{.metadata.name}}', 'web'],
    ['{{.metadata.missing}}|{{.metadata.owner}}|{{.nope.deeper}}', '<no value>|<no value>|<no value>'],
    ['{{.spec.replicas}} {{.spec.ratio}} {{.spec.big}} {{1e6}} {{0x1F}}', '3 0.5 1000000 1e+06 31'],
    ['{{.metadata.labels}} {{.spec.containers}}', 'map[app:web tier:front] [map[name:nginx port:80] map[name:log]]'],
    ['{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}', 'app=web;tier=front;'],
    ['{{range $i, $c := .spec.containers}}{{$i}}:{{$c.name}}/{{$.kind}} {{end}}', '0:nginx/Pod 1:log/Pod '],
    ['{{range .spec.none}}x{{else}}empty{{end}}', 'empty'],
    ['{{if eq .spec.replicas 3}}three{{else if gt .spec.replicas 3}}more{{else}}less{{end}}', 'three'],
    ['{{with .status.phase}}{{.}}{{end}}{{with .status.none}}x{{else}}-{{end}}', 'Running-'],
    ['{{index .metadata.labels "app"}} {{index .spec.containers 1 | printf "%v"}} {{index .metadata "labels" "tier"}}', 'web map[name:log] front'],
    ['{{len .spec.containers}} {{.metadata.name | len}} {{len .metadata.labels}}', '2 3 2'],
    ['{{printf "%s=%d %q %5.2f|%-4s|%03d %v" .kind .spec.replicas .metadata.name .spec.ratio "ab" 7 true}}', 'Pod=3 "web"  0.50|ab  |007 true'],
    ['{{printf "%d %s" .metadata.name}}', '%!d(string=web) %!s(MISSING)'],
    ['{{printf "%s|%x" .spec.replicas (len .spec.containers)}}', '%!s(int64=3)|2'],
    ['{{and .kind .spec.replicas}} {{or .nope "dflt"}} {{not .kind}} {{and 1 0 2}}', '3 dflt false 0'],
    ['{{ .kind -}}  \n  {{- "|" }} {{/* gone */}}x', 'Pod| x'],
    ['{{$n := .metadata.name}}{{range .spec.containers}}{{$n}}.{{.name}} {{end}}{{$n = "z"}}{{$n}}', 'web.nginx web.log z'],
    ['{{range .spec.containers}}{{if eq .name "log"}}{{break}}{{end}}{{.name}}{{end}}', 'nginx'],
    ['{{range .spec.containers}}{{if .port}}{{continue}}{{end}}{{.name}}{{end}}', 'log'],
    ['{{lt 1 2}} {{le "a" "a"}} {{ne .kind "Pod"}} {{eq .kind "Node" "Pod"}} {{eq .nope "x"}}', 'true true false true false'],
    ['{{base64decode .status.data}} {{exists . "spec" "containers"}} {{exists . "spec" "nope"}}', 'hi true false'],
    ['{{print 1 2 "x" 3}} {{println "a" 1}}', '1 2x3 a 1\n'],
    ['{{"\\t"}}{{`raw\\n`}}', '\traw\\n'],
    ['{{slice .metadata.name 1}} {{html "<b>"}} {{js "it\'s"}}', "eb &lt;b&gt; it\\'s"],
    ['{{len .items}} {{.kind}}', '1 List'],
  ])('%s', (template, want) => {
    const data = template.includes('.items') ? listWrapper([pod]) : pod;
    expect(render(template, data)).toBe(want);
  });
});

describe('go-template parse errors (Go text/template wording)', () => {
  it.each<[string, string]>([
    ['{{.x', 'template: output:1: unclosed action'],
    ['{{.x}', "template: output:1: bad character U+007D '}'"],
    ['{{if .a}}x', 'template: output:1: unexpected EOF'],
    ['{{end}}', 'template: output:1: unexpected {{end}}'],
    ['{{else}}', 'template: output:1: unexpected {{else}}'],
    ['{{upper .x}}', 'template: output:1: function "upper" not defined'],
    ['{{$x}}', 'template: output:1: undefined variable "$x"'],
    ['{{}}', 'template: output:1: missing value for command'],
    ['{{"abc}}', 'template: output:1: unterminated quoted string'],
    ['{{(.a}}', 'template: output:1: unclosed left paren'],
    ['{{.a)}}', 'template: output:1: unexpected right paren'],
    ['{{break}}', 'template: output:1: {{break}} outside {{range}}'],
    ['{{if .a}}\n{{.b\n}}', 'template: output:3: unexpected EOF'],
  ])('%j', (template, msg) => {
    expect(() => compileGoTemplate(template)).toThrow(new GoTemplateError(`error parsing template ${template}, ${msg}`));
  });
});

describe('go-template execution errors', () => {
  it.each<[string, string]>([
    ['{{eq .metadata 3}}', 'template: output:1:2: executing "output" at <eq .metadata 3>: error calling eq: incompatible types for comparison'],
    ['{{eq .spec.ratio 1}}', 'template: output:1:2: executing "output" at <eq .spec.ratio 1>: error calling eq: incompatible types for comparison'],
    ['{{.metadata.name.x}}', 'template: output:1:11: executing "output" at <.metadata.name.x>: can\'t evaluate field x in type interface {}'],
    ['{{.metadata.owner.x}}', 'template: output:1:11: executing "output" at <.metadata.owner.x>: nil pointer evaluating interface {}.x'],
    ['{{index .spec.containers 5}}', 'template: output:1:2: executing "output" at <index .spec.containers 5>: error calling index: index out of range: 5'],
    ['{{len .nope}}', 'template: output:1:2: executing "output" at <len .nope>: error calling len: reflect: call of reflect.Value.Type on zero Value'],
    ['{{len 1 2}}', 'template: output:1:2: executing "output" at <len>: wrong number of args for len: want 1 got 2'],
    ['{{base64decode 3}}', 'template: output:1:15: executing "output" at <3>: expected string; found 3'],
    ['{{base64decode .spec.replicas}}', 'template: output:1:20: executing "output" at <.spec.replicas>: wrong type for value; expected string; got int64'],
    ['{{range .kind}}{{end}}', 'template: output:1:8: executing "output" at <.kind>: range can\'t iterate over Pod'],
    ['{{.kind 3}}', 'template: output:1:2: executing "output" at <.kind>: kind is not a method but has arguments'],
    ['{{template "x"}}', 'template: output:1:11: executing "output" at <{{template "x"}}>: template "x" not defined'],
  ])('%s', (template, msg) => {
    expect(failure(template).message).toBe(`error: error executing template ${JSON.stringify(template)}: ${msg}`);
  });

  it('fails on a missing key with --allow-missing-template-keys=false, at the chained field', () => {
    expect(failure('{{.metadata.nope.x}}', pod, false).message).toContain('at <.metadata.nope.x>: map has no entry for key "nope"');
  });

  it('prints the partial output and kubectl\'s debugging report before failing', () => {
    const e = failure('a{{len 1 2}}', { n: 1, f: 0.5 });
    expect(e.stdout).toBe(
      'aError executing template: template: output:1:3: executing "output" at <len>: wrong number of args for len: want 1 got 2. Printing more information for debugging the template:\n' +
        '\ttemplate was:\n\t\ta{{len 1 2}}\n' +
        '\traw data was:\n\t\t{"f":0.5,"n":1}\n' +
        '\tobject given to template engine was:\n\t\tmap[f:0.5 n:1]\n\n',
    );
  });
});

describe('go-template robustness (seeded fuzz)', () => {
  const pieces = ['{{', '}}', '{{-', ' -}}', '.', '.metadata', '.name', '$', '$x', ':=', '=', '|', '(', ')', ' ', '"s"', '`r`', "'c'", '1', '2.5',
    'if', 'else', 'end', 'range', 'with', 'break', 'len', 'index', 'printf', 'eq', 'and', 'not', 'nil', 'true', '/*', '*/', '\n', 'x', '%d', ','];
  it('never fails with anything but kubectl errors (seed 7, 3000 cases)', () => {
    let state = 7;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state;
    };
    for (let n = 0; n < 3000; n++) {
      const len = 1 + (next() % 12);
      const text = Array.from({ length: len }, () => pieces[next() % pieces.length]).join('');
      try {
        render(text, listWrapper([pod]));
      } catch (e) {
        if (!(e instanceof GoTemplateError)) throw new Error(`template ${JSON.stringify(text)} threw ${String(e)}`);
      }
    }
  });
});
