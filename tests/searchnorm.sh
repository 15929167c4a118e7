#!/bin/sh
# tests/searchnorm.sh - the search normalisation is the same in C
# (generator/searchnorm.c, through tests/snorm_dump) and in the browser
# (themes/default/static/tim-kiem-chuan.js, under node): every tricky
# line and 3,000 random ones give the same tokens (exact, fold, position,
# joined), the same FNV-1a, bucket and shard names, line by line.  Then
# cchcNorm.decode() against postings this test encodes itself (both
# forms of docs/search.md, several id sets) and against the writer's
# (snorm_dump -p, 51 id sets), and snorm_dump on bad
# UTF-8 (C only: a JavaScript string cannot hold it).  The unit test
# (tests/unit/test_searchnorm.c) checks the C side against the contract.
# FNV-1a, bucket and shard names and postings on the C side are the
# index writer's own (search.h), so this checks the page can read them.
. "$(dirname "$0")/lib.sh"
scratch
DUMP=${SNORM_DUMP:-$TOP/$BUILD/tests/snorm_dump}
JS=$TOP/themes/default/static/tim-kiem-chuan.js

if [ ! -x "$DUMP" ]; then
	fail "no $DUMP: run make unit"
	finish searchnorm
	exit 1
fi

# dump IN OUT: snorm_dump (under $CCHC_WRAP) from IN to OUT.
dump() {
	$CCHC_WRAP "$DUMP" <"$1" >"$2" 2>"$SCRATCH/dump.err"
	d_rc=$?
	if [ "$d_rc" -ne 0 ]; then
		fail "snorm_dump <$(basename "$1"): exit $d_rc$(sanitizer_exit "$d_rc" | sed 's/^/: /')"
		sed 's/^/    /' "$SCRATCH/dump.err" | head -n 40 >&2
		return 1
	fi
	return 0
}

# Bad UTF-8 first (C only): one JSON line per input line, valid UTF-8.
printf 'a\377b\n\303\n\355\240\200x\n1-2\377-3\n\300\257/\n\n' >"$SCRATCH/bad.txt"
if dump "$SCRATCH/bad.txt" "$SCRATCH/bad.out"; then
	check "snorm_dump: one line per bad line" \
	    [ "$(wc -l <"$SCRATCH/bad.out")" -eq 6 ]
	check "snorm_dump: a bad byte separates words" \
	    grep -q '^\[{"exact":"a".*{"exact":"b","fold":"b","pos":1,' "$SCRATCH/bad.out"
	check "snorm_dump: a bad byte breaks a compound" \
	    grep -q '"exact":"12","fold":"12","pos":0,"joined":true' "$SCRATCH/bad.out"
	check "snorm_dump: only bad bytes, no token" \
	    [ "$(sed -n 2p "$SCRATCH/bad.out")" = "[]" ]
	check "snorm_dump: its output is valid UTF-8" \
	    iconv -f UTF-8 -t UTF-8 "$SCRATCH/bad.out" -o /dev/null
fi

if ! command -v node >/dev/null 2>&1; then
	skip "node is not installed: tim-kiem-chuan.js is not compared with searchnorm.c"
	finish searchnorm
	exit
fi

# The tricky lines: every vowel with every tone, upper case, đ, i/y,
# document numbers and codes, joiners, other scripts, emoji, NFC
# singletons, long atoms, spaces of all kinds.
cat >"$SCRATCH/nfc.txt" <<'EOF'
a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ e è é ẻ ẽ ẹ ê ề ế ể ễ ệ i ì í ỉ ĩ ị
o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ u ù ú ủ ũ ụ ư ừ ứ ử ữ ự y ỳ ý ỷ ỹ ỵ đ
A À Á Ả Ã Ạ Ă Ằ Ắ Ẳ Ẵ Ặ Â Ầ Ấ Ẩ Ẫ Ậ E È É Ẻ Ẽ Ẹ Ê Ề Ế Ể Ễ Ệ I Ì Í Ỉ Ĩ Ị
O Ò Ó Ỏ Õ Ọ Ô Ồ Ố Ổ Ỗ Ộ Ơ Ờ Ớ Ở Ỡ Ợ U Ù Ú Ủ Ũ Ụ Ư Ừ Ứ Ử Ữ Ự Y Ỳ Ý Ỷ Ỹ Ỵ Đ
Thủ tục hành chính được giải quyết trực tuyến toàn trình; phí thẩm định 50.000 đồng.
THỦ TỤC HÀNH CHÍNH ĐƯỢC GIẢI QUYẾT — Ủy ban nhân dân tỉnh Quảng Ngãi
kí ký quí quý lí lý mĩ mỹ hi hy ti ty kỹ thuật, Quy định, thủy lợi, tay, ý kiến, y tế, truy cập, khuya
Kế hoạch số 19/KH-UBND ngày 15/3/2025 của Ủy ban; Nghị định 30/2020/NĐ-CP; Quyết định 1.004698
mã 1.004698 và 1004698; 2.001234.000.1; năm 2025. a..b a.-b a-/b -x- x. .y 3/ /4 a/b/c-d.e
Email cchc@soktcn.gov.vn, https://dichvucong.gov.vn/p/home/dvc-trang-chu.html?ma=1.004698#top
Ký hiệu: 01/2024/TT-BTP; Điều 7, khoản 2; Mục II.3.a; 10-15 ngày; 8h00-17h00; COVID-19; Ký-Mỹ
Привет, мир! Ελληνικά ΟΔΟΣ Σ; 中文字符 日本語のテキスト 한국어 ภาษาไทย العربية ٣٤٥ हिन्दी क़ानून
😀 emoji 👍🏽 giữa chữ😀và ❤️ ký hiệu ½ ² ™ © ℃ №5 ﬁle ＡＢＣ ｶﾀｶﾅ
İstanbul ǅemal ǈ ß ẞ ﬀ K Å Ω ά ᾷ 豈 ㄱ ﬅ Ⅻ ⅻ ①
aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa x-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
ưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưư ưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưưư đđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđđ
a b	c  d e f g h i
̀a ̀ b ̣-c d-̣ e
EOF
# The same lines in NFD (and marks on their own), made by python when
# it is there (node would normalise with the code under test).
if command -v python3 >/dev/null 2>&1; then
	python3 -c '
import sys, unicodedata
for l in open(sys.argv[1], encoding="utf-8"):
    print(unicodedata.normalize("NFD", l.rstrip("\n")))
' "$SCRATCH/nfc.txt" >"$SCRATCH/nfd.txt"
	cat "$SCRATCH/nfc.txt" "$SCRATCH/nfd.txt" >"$SCRATCH/lines.txt"
else
	cp "$SCRATCH/nfc.txt" "$SCRATCH/lines.txt"
	skip "python3 is missing: no NFD lines"
fi

cat >"$SCRATCH/norm.js" <<'EOF'
"use strict";
const fs = require("fs");
const n = require(process.argv[2]);
const mode = process.argv[3];
if (mode === "dump") {
	// The same JSON as snorm_dump, line by line.
	const text = fs.readFileSync(process.argv[4], "utf8");
	const lines = text.split("\n");
	if (lines[lines.length - 1] === "")
		lines.pop();
	const out = lines.map((l) => JSON.stringify(n.tokens(l).map((t) => ({
		exact: t.exact, fold: t.fold, pos: t.pos, joined: t.joined,
		fnv: n.fnv1a(t.fold), bucket: n.bucketOf(t.fold, 256),
		shard: n.shardOf(t.fold, 64)
	}))));
	process.stdout.write(out.map((l) => l + "\n").join(""));
} else if (mode === "random") {
	// Random lines from an alphabet of what the normalisation cares
	// about (a fixed seed: the same lines every run).
	const alpha = Array.from("aAbđĐdeêếệoơờợuưữyýỳiíqkKmMhH0129 .../--, " +
		"\u0301\u0300\u0323\u031b\u0302\u0306\u00a0\u2003\t" +
		"ΣσİÅΩ中ά한😀½№ﬁ豈");
	let seed = 12345;
	const rnd = (k) => {
		seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
		return (seed >>> 8) % k;
	};
	const out = [];
	for (let i = 0; i < 3000; i++) {
		let l = "";
		const len = 1 + rnd(60);
		for (let j = 0; j < len; j++)
			l += alpha[rnd(alpha.length)];
		out.push(l + "\n");
	}
	process.stdout.write(out.join(""));
} else if (mode === "decode") {
	// An FNV-1a of bytes of its own, to check the module's against.
	const fnvBuf = (b) => b.reduce((h, x) => Math.imul(h ^ x, 0x01000193) >>> 0, 0x811c9dc5);
	// Postings encoded here, from the contract, in both forms.
	const b64 = (bytes) => Buffer.from(bytes).toString("base64").replace(/=+$/, "");
	const vform = (ids) => {
		const out = [];
		let prev = -1;
		for (const id of ids) {
			let gap = id - prev;
			prev = id;
			while (gap >= 128) {
				out.push((gap % 128) | 128);
				gap = Math.floor(gap / 128);
			}
			out.push(gap);
		}
		return "v" + b64(out);
	};
	const bform = (ids) => {
		const n = ids.length ? (ids[ids.length - 1] >> 3) + 1 : 0;
		const bytes = new Uint8Array(n);
		for (const id of ids)
			bytes[id >> 3] |= 1 << (id & 7);
		return "b" + b64(bytes);
	};
	const sets = {
		"empty": [],
		"id 0": [0],
		"id 7": [7],
		"id 8": [8],
		"dense": Array.from({ length: 1000 }, (_, i) => i),
		"every third": Array.from({ length: 700 }, (_, i) => 3 * i + 1),
		"sparse": [5, 900, 901, 16383, 16384, 16385, 40000],
		"large gaps": [0, 127, 128, 255, 256, 2097151, 2097152, 268435455, 300000000],
		"first 127, 128": [127],
		"one big": [999999]
	};
	let ok = 0, bad = 0;
	const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
	for (const [name, ids] of Object.entries(sets)) {
		const forms = [["v", vform(ids)]];
		if (!ids.length || ids[ids.length - 1] < 1e7)
			forms.push(["b", bform(ids)]);
		for (const [f, p] of forms) {
			const got = n.decode(p);
			if (got instanceof Int32Array && same(Array.from(got), ids)) {
				ok++;
			} else {
				bad++;
				console.error(`FAIL: decode ${f} ${name}: ${p.slice(0, 40)} gave ` +
					JSON.stringify(Array.from(got).slice(0, 20)));
			}
		}
	}
	// "" is no document; a bitmap's trailing zero bytes may be absent.
	const checks = [
		[n.decode("").length === 0, "decode(\"\") is empty"],
		[same(Array.from(n.decode("b" + b64([0, 0, 1]))), [16]), "b with leading zero bytes"],
		[same(Array.from(n.decode("v" + b64([1, 1, 1]))), [0, 1, 2]), "v gaps 1 1 1"],
		[n.fnv1a("") === 2166136261, "fnv1a(\"\") = 0x811c9dc5"],
		[n.fnv1a("a") === 0xe40c292c, "fnv1a(\"a\") = 0xe40c292c"],
		[n.fnv1a("foobar") === 0xbf9cf968, "fnv1a(\"foobar\") = 0xbf9cf968"],
		[n.bucketOf("a", 8) === (0xe40c292c & 7).toString(16), "bucketOf width 1"],
		[n.bucketOf("a", 65536) === "292c", "bucketOf width 4"],
		[n.bucketOf("a", 4096) === "92c", "bucketOf width 3"],
		[n.shardOf("thu", 64) === n.bucketOf("th", 64) &&
			n.shardOf("thuc", 64) === n.shardOf("th", 64) &&
			n.shardOf("c", 64) === n.bucketOf("c", 64) &&
			n.shardOf("19khubnd", 1) === "0" &&
			n.shardOf("中文", 4096) === (fnvBuf(Buffer.from("中").subarray(0, 2)) & 4095)
				.toString(16).padStart(3, "0"), "shardOf: the first two bytes' bucket"],
		[(() => { try { n.shardOf("a"); return false; } catch (e) { return true; } })(),
			"shardOf without ns throws"],
		[n.fold("ĐƯỢC") === "duoc" && n.fold("Ký") === "ki" && n.fold("thủy") === "thuy",
			"fold"]
	];
	for (const [c, what] of checks) {
		if (c) {
			ok++;
		} else {
			bad++;
			console.error("FAIL: " + what);
		}
	}
	// The writer's own postings (snorm_dump -p) for the same sets.
	const lines = fs.readFileSync(process.argv[4], "utf8").split("\n");
	const written = fs.readFileSync(process.argv[5], "utf8").split("\n");
	for (let i = 0; i < lines.length; i++) {
		if (lines[i] === "" && i === lines.length - 1)
			break;
		const ids = lines[i] === "" ? [] : lines[i].split(" ").map(Number);
		const got = Array.from(n.decode(JSON.parse(written[i])));
		if (same(got, ids)) {
			ok++;
		} else {
			bad++;
			console.error(`FAIL: decode of the writer's ${written[i].slice(0, 40)}: ` +
				`${JSON.stringify(got.slice(0, 10))}, want ${JSON.stringify(ids.slice(0, 10))}`);
		}
	}
	console.log(ok + " " + bad);
} else if (mode === "sets") {
	// Id sets for the writer to encode (ascending, distinct).
	let seed = 777;
	const rnd = (k) => {
		seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
		return (seed >>> 8) % k;
	};
	const sets = [[], [0], [7], [8], [127], [128], [0, 1, 2],
		Array.from({ length: 1000 }, (_, i) => i),
		Array.from({ length: 700 }, (_, i) => 3 * i + 1),
		[5, 900, 901, 16383, 16384, 16385, 40000],
		[0, 127, 128, 255, 256, 2097151, 2097152]];
	for (let k = 0; k < 40; k++) {
		const s = new Set();
		const n = rnd(300), span = 1 + rnd(20000);
		for (let i = 0; i < n; i++)
			s.add(rnd(span));
		sets.push([...s].sort((a, b) => a - b));
	}
	process.stdout.write(sets.map((s) => s.join(" ") + "\n").join(""));
}
EOF

# compare NAME FILE: C and JS agree on every line of FILE.
compare() {
	dump "$2" "$SCRATCH/$1.c" || return
	if ! node "$SCRATCH/norm.js" "$JS" dump "$2" >"$SCRATCH/$1.js" 2>"$SCRATCH/node.err"; then
		fail "node tim-kiem-chuan.js on $1 failed"
		sed 's/^/    /' "$SCRATCH/node.err" | head -n 20 >&2
		return
	fi
	c_lines=$(wc -l <"$2")
	check "$1: snorm_dump gave one line per line" [ "$(wc -l <"$SCRATCH/$1.c")" -eq "$c_lines" ]
	check "$1: node gave one line per line" [ "$(wc -l <"$SCRATCH/$1.js")" -eq "$c_lines" ]
	c_bad=$(paste -d '\n' "$SCRATCH/$1.c" "$SCRATCH/$1.js" | awk '
		NR % 2 == 1 { c = $0; next }
		c != $0 { n++; if (n <= 3) { print "    line " NR / 2 ":\n      C:  " c "\n      JS: " $0 > "/dev/stderr" } }
		END { print n + 0 }')
	if [ "$c_bad" -eq 0 ]; then
		ok
	else
		fail "$1: C and JS differ on $c_bad of $c_lines lines (above)"
	fi
	# A line that gave no token at all would make the comparison weak.
	check "$1: tokens were compared" grep -q '"fold"' "$SCRATCH/$1.c"
}

compare tricky "$SCRATCH/lines.txt"
# Known answers, so that both sides agreeing on something wrong fails.
check "tricky: được folds to duoc, exact kept" \
    grep -q '{"exact":"được","fold":"duoc","pos":4,' "$SCRATCH/tricky.c"
check "tricky: 19/KH-UBND joined" \
    grep -q '{"exact":"19khubnd","fold":"19khubnd","pos":3,"joined":true,"fnv":548261793,"bucket":"a1","shard":"3f"}' "$SCRATCH/tricky.c"
check "tricky: fnv1a of a known word (0xe40c292c)" \
    grep -q '{"exact":"a","fold":"a","pos":0,"joined":false,"fnv":3826002220,"bucket":"2c","shard":"2c"}' "$SCRATCH/tricky.c"
check "tricky: NFD lines equal their NFC lines" \
    sh -c 'n=$(($(wc -l <"$1") / 2)); head -n "$n" "$1" >"$1.a"; tail -n "$n" "$1" >"$1.b"; cmp -s "$1.a" "$1.b"' sh "$SCRATCH/tricky.c"

if node "$SCRATCH/norm.js" "$JS" random >"$SCRATCH/random.txt" 2>"$SCRATCH/node.err"; then
	compare random "$SCRATCH/random.txt"
else
	fail "node could not make the random lines"
fi

# decode(): postings encoded in the test, and the writer's own.
node "$SCRATCH/norm.js" "$JS" sets >"$SCRATCH/sets.txt" 2>"$SCRATCH/node.err" ||
    fail "node could not make the id sets"
$CCHC_WRAP "$DUMP" -p <"$SCRATCH/sets.txt" >"$SCRATCH/sets.c" 2>"$SCRATCH/dump.err" ||
    fail "snorm_dump -p failed"
res=$(node "$SCRATCH/norm.js" "$JS" decode "$SCRATCH/sets.txt" "$SCRATCH/sets.c" 2>"$SCRATCH/decode.err")
sed 's/^/    /' "$SCRATCH/decode.err" >&2
d_ok=${res% *}
d_bad=${res#* }
if [ -n "$res" ] && [ "$d_ok" -gt 0 ] 2>/dev/null; then
	npass=$((npass + d_ok))
	[ "$d_bad" -gt 0 ] && nfail=$((nfail + d_bad))
else
	fail "decode checks did not run: $res"
fi

finish searchnorm
