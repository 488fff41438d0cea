import t from 'tap'
import { cleanHtml } from '../../src/extract/clean-html.js'

t.test('cleanHtml', async (t) => {
  const cases: Array<[html: string, expected: string]> = [
    ['<p>a</p><script>var x = "<p>b</p>"</script><p>c</p>', '<p>a</p><p>c</p>'],
    ['<style>.a{width:calc($gutter)}</style><p>a</p>', '<p>a</p>'],
    ['<p style="width: calc($w)" class="x">a</p>', '<p class="x">a</p>'],
    ['<div style="display:none">hidden</div>', '<div hidden>hidden</div>'],
    ["<p class=y style='visibility: hidden'>hidden</p>", '<p class=y hidden>hidden</p>'],
    ['<img src="a.png" style="display:none"/>', '<img src="a.png" hidden />'],
    ['<p data-style="display:none">kept</p>', '<p>kept</p>'],
    ['<p title="a > b" style="color:red">x</p>', '<p>x</p>'],
    ['<a class=x data-id=1 href=/a/ onclick="go()">a</a>', '<a class=x href=/a/>a</a>'],
    ['<div id="m"data-x="1"CLASS=\'c\' hidden>a</div>', '<div id="m" CLASS=\'c\' hidden>a</div>'],
    [
      '<time datetime="2020-01-02" data-t="1" itemprop="datePublished">x</time>',
      '<time datetime="2020-01-02" itemprop="datePublished">x</time>',
    ],
    ['<img data-src="a.jpg" srcset="a.jpg 1x" style="x:y">', '<img data-src="a.jpg" srcset="a.jpg 1x">'],
    ['<br/><hr data-a="1" />', '<br /><hr />'],
    ["<div title=it's>a</div>", "<div title=it's>a</div>"],
    ['<!-- <script> -->x<p>y</p>', 'x<p>y</p>'],
    ['<script>var s = "<!--"</script><p>y</p>', '<p>y</p>'],
    ['<svg viewBox="0 0 1 1"><path d="M0 0"/><text>Logo</text></svg><p>a</p>', '<p>a</p>'],
    ['<iframe src="https://ads.example/"></iframe><noscript><p>Enable JS</p></noscript><p>a</p>', '<p>a</p>'],
    ['<link rel="stylesheet" href="a.css"><link rel="canonical" href="/a">', '<link rel="canonical" href="/a">'],
    ['<title>Style = "x" <script></title>', '<title>Style = "x" <script></title>'],
    ['<p>code: style="color:red"</p>', '<p>code: style="color:red"</p>'],
    ['<nav><ul><li><a href="/">Home</a><nav>x</nav></li></ul></nav><p>a</p>', '<p>a</p>'],
    ['<aside class="related"><p>Read this too</p></aside><p>a</p><aside>b</aside>', '<p>a</p>'],
    ['<form><select name="c"><option>Austria</option></select><button>Go</button></form>', '<form></form>'],
    [
      '<aside><script type="application/ld+json">{}</script></aside><p>a</p>',
      '<script type="application/ld+json">{}</script><p>a</p>',
    ],
    ['<!-- <nav> --><p>a</p><nav>menu', '<p>a</p><nav>menu'],
    ['<p>a</p><script>var s = "</nav>"</script><nav>b</nav>', '<p>a</p>'],
    [
      '<aside><span itemprop="author">Jane Doe</span></aside><p>a</p>',
      '<aside><span itemprop="author">Jane Doe</span></aside><p>a</p>',
    ],
    [
      '<aside class="post-meta"><time datetime="2020-01-02">2 Jan</time></aside>',
      '<aside class="post-meta"><time datetime="2020-01-02">2 Jan</time></aside>',
    ],
  ]
  for (const [html, expected] of cases) t.equal(cleanHtml(html).html, expected, html)

  const ld = '{"@type":"NewsArticle","headline":"x"}'
  const out = cleanHtml(`<script type="application/ld+json">${ld}</script><script>var a</script>`)
  t.same(out.jsonLd, [ld], 'collects JSON-LD')
  t.equal(out.html, `<script type="application/ld+json">${ld}</script>`, 'keeps JSON-LD for Readability')
})
