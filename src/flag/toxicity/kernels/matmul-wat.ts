/**
 * The WebAssembly text of threadmod's batched matrix product, generated
 * rather than written out because its tiles differ only in size.
 *
 * Why it exists: tfjs-backend-wasm sends every BatchMatMul with a batch (the
 * toxicity graph's attention, [batch, heads, length, length] x [batch, heads,
 * length, 64]) to a scalar loop that runs at about 2.5 GFLOP/s, a seventh of
 * a worker's kernel time on 200-character comments. These tiles use 128-bit
 * SIMD across four output columns, so each output element is still summed
 * alone, in the same order as upstream's loop: the same bits come out.
 *
 * `block` adds, to every c[i][j] (i < m, j < n), the sum over k < kn of
 * a[i][k] * b[k][j], summed from 0 in k order (one k block of upstream's
 * loop). Rows and columns are addressed by byte pointers and row strides in
 * bytes, so the caller points them at any batch and k block.
 * `transpose` writes the n x k matrix at src as k x n at dst, for b given
 * transposed.
 *
 * `scripts/wasm-kernels.ts` assembles this with wabt into kernels/matmul-bytes.ts.
 */

/** A tile of `rows` rows by `vectors` 4-float column vectors (0 means one scalar column). */
interface Tile {
  rows: number;
  vectors: number;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** The code of one tile at row $i, column $j: its k loop, then adds its sums into c. */
function tileCode({ rows, vectors }: Tile): string {
  const scalar = vectors === 0;
  const lanes = scalar ? [0] : range(vectors);
  const acc = (r: number, v: number) => (scalar ? `$s${r}` : `$acc${r}_${v}`);
  const zero = scalar ? '(f32.const 0)' : '(v128.const f32x4 0 0 0 0)';
  const lines: string[] = [];
  for (const r of range(rows)) {
    // Row r of a, from its first k.
    lines.push(
      `(local.set $pa${r} (i32.add (local.get $a) (i32.mul (i32.add (local.get $i) (i32.const ${r})) (local.get $lda))))`,
    );
    for (const v of lanes) lines.push(`(local.set ${acc(r, v)} ${zero})`);
  }
  lines.push('(local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))');
  lines.push('(local.set $k (local.get $kn))');
  const body: string[] = [];
  for (const v of lanes) {
    body.push(
      scalar
        ? `(local.set $bs (f32.load (local.get $pb)))`
        : `(local.set $bv${v} (v128.load offset=${v * 16} (local.get $pb)))`,
    );
  }
  for (const r of range(rows)) {
    body.push(
      scalar
        ? `(local.set $as (f32.load (local.get $pa${r})))`
        : `(local.set $av (f32x4.splat (f32.load (local.get $pa${r}))))`,
    );
    for (const v of lanes) {
      // One product, then one sum, each rounded to float32: upstream's `sum += a * b`.
      body.push(
        scalar
          ? `(local.set ${acc(r, v)} (f32.add (local.get ${acc(r, v)}) (f32.mul (local.get $as) (local.get $bs))))`
          : `(local.set ${acc(r, v)} (f32x4.add (local.get ${acc(r, v)}) (f32x4.mul (local.get $av) (local.get $bv${v}))))`,
      );
    }
    body.push(`(local.set $pa${r} (i32.add (local.get $pa${r}) (i32.const 4)))`);
  }
  body.push('(local.set $pb (i32.add (local.get $pb) (local.get $ldb)))');
  body.push('(br_if $k_loop (local.tee $k (i32.sub (local.get $k) (i32.const 1))))');
  lines.push(`(loop $k_loop\n${body.join('\n')})`);
  for (const r of range(rows)) {
    lines.push(
      `(local.set $pc (i32.add (i32.add (local.get $c) (i32.mul (i32.add (local.get $i) (i32.const ${r})) (local.get $ldc))) (i32.shl (local.get $j) (i32.const 2))))`,
    );
    for (const v of lanes) {
      lines.push(
        scalar
          ? `(f32.store (local.get $pc) (f32.add (f32.load (local.get $pc)) (local.get ${acc(r, v)})))`
          : `(v128.store offset=${v * 16} (local.get $pc) (f32x4.add (v128.load offset=${v * 16} (local.get $pc)) (local.get ${acc(r, v)})))`,
      );
    }
  }
  return lines.join('\n');
}

/** Columns $j.. in tiles of `rows` rows: 8 wide while 8 remain, then 4, then one at a time. */
function rowBandCode(rows: number): string {
  const widths: Tile[] = [
    { rows, vectors: 2 },
    { rows, vectors: 1 },
    { rows, vectors: 0 },
  ];
  return [
    '(local.set $j (i32.const 0))',
    ...widths.map((tile) => {
      const cols = tile.vectors === 0 ? 1 : tile.vectors * 4;
      return `(block $done_${rows}_${cols} (loop $next_${rows}_${cols}
        (br_if $done_${rows}_${cols} (i32.gt_u (i32.add (local.get $j) (i32.const ${cols})) (local.get $n)))
        ${tileCode(tile)}
        (local.set $j (i32.add (local.get $j) (i32.const ${cols})))
        (br $next_${rows}_${cols})))`;
    }),
  ].join('\n');
}

const ROWS = 4;

/** The whole module, importing the memory of the tfjs-backend-wasm instance it works in. */
export function matmulWat(): string {
  const accLocals = range(ROWS)
    .flatMap((r) => range(2).map((v) => `(local $acc${r}_${v} v128)`))
    .join(' ');
  const scalarAccLocals = range(ROWS)
    .map((r) => `(local $s${r} f32)`)
    .join(' ');
  const pointers = range(ROWS)
    .map((r) => `(local $pa${r} i32)`)
    .join(' ');
  return `(module
  (import "env" "memory" (memory 1))
  (func (export "block")
    (param $a i32) (param $lda i32) (param $b i32) (param $ldb i32) (param $c i32) (param $ldc i32)
    (param $m i32) (param $n i32) (param $kn i32)
    (local $i i32) (local $j i32) (local $k i32) (local $pb i32) (local $pc i32) ${pointers}
    (local $av v128) (local $bv0 v128) (local $bv1 v128) (local $as f32) (local $bs f32)
    ${accLocals} ${scalarAccLocals}
    (local.set $i (i32.const 0))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.gt_u (i32.add (local.get $i) (i32.const ${ROWS})) (local.get $m)))
      ${rowBandCode(ROWS)}
      (local.set $i (i32.add (local.get $i) (i32.const ${ROWS})))
      (br $rows)))
    (block $rest_done (loop $rest
      (br_if $rest_done (i32.ge_u (local.get $i) (local.get $m)))
      ${rowBandCode(1)}
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rest))))
  (func (export "transpose") (param $src i32) (param $dst i32) (param $n i32) (param $k i32)
    (local $r i32) (local $q i32) (local $from i32)
    (local.set $r (i32.const 0))
    (block $done (loop $row
      (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
      (local.set $q (i32.const 0))
      (local.set $from (i32.add (local.get $src) (i32.shl (i32.mul (local.get $r) (local.get $k)) (i32.const 2))))
      (block $row_done (loop $col
        (br_if $row_done (i32.ge_u (local.get $q) (local.get $k)))
        (f32.store
          (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $q) (local.get $n)) (local.get $r)) (i32.const 2)))
          (f32.load (i32.add (local.get $from) (i32.shl (local.get $q) (i32.const 2)))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $col)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row))))
)
`;
}
