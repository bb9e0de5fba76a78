/**
 * The WebAssembly text of threadmod's plain matrix product, c = a x b with a
 * m x k and b k x n, both row-major: the graph's feed-forward layers
 * (BatchMatMul without a batch) and its 1x1 convolutions (the attention
 * projections), which upstream sends to XNNPACK.
 *
 * Why it exists: XNNPACK's product runs at 34-36 GFLOP/s here and is most of
 * a worker's time. Its 4 x 8 tile sums each output element alone, from 0, in
 * k order, one multiply and one add per step; this module keeps exactly that
 * arithmetic (the same bits come out) but lays the operands out the way the
 * tile reads them: b in panels of 8 columns (k rows of 8 floats), a in
 * strips of 4 rows (4 floats per k), so every load is one contiguous step,
 * and the work is cut into blocks of `MC` rows by `KC` values of k whose
 * operands stay in cache. A block that continues an earlier one in k starts
 * from the partial sums it stored, which is the same sequence of adds.
 *
 * Exports: `packB(src, n, k, dst)` writes b (k x n at src) as panels at dst,
 * padding the last panel with zeros; `gemm(a, b, c, m, k, n, work)` writes
 * c (m x n) from a (m x k) and b packed by packB, using `work` (WORK_BYTES)
 * for a's strips and one edge tile.
 *
 * `scripts/wasm-kernels.ts` assembles this with wabt into kernels/gemm-bytes.ts.
 */

/** Rows of a per tile and per strip. */
const MR = 4;
/** Columns of b per tile and per panel (two 4-float vectors). */
const NR = 8;
/** Rows of a per block: 64 rows x KC floats of strips stay in the core's L2. */
export const MC = 64;
/** Values of k per block: a panel's 512 x 8 floats (16 KB) stay in L1. */
export const KC = 512;
/** Bytes `gemm` needs at `work`: the strips of one block, then one MR x NR edge tile. */
export const WORK_BYTES = MC * KC * 4 + MR * NR * 4;

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** One MR x NR tile: acc = first ? 0 : c; for kc steps acc += a * b (rounded as upstream); c = acc. */
function microFunction(): string {
  const accs = range(MR).flatMap((r) => [0, 1].map((v) => `$c${r}_${v}`));
  const row = (r: number) => `(i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const ${r})))`;
  const load = range(MR)
    .flatMap((r) => [0, 1].map((v) => `(local.set $c${r}_${v} (v128.load offset=${v * 16} ${row(r)}))`))
    .join('\n');
  const zero = accs.map((a) => `(local.set ${a} (v128.const i32x4 0 0 0 0))`).join('\n');
  const step = [
    '(local.set $b0 (v128.load (local.get $pb)))',
    '(local.set $b1 (v128.load offset=16 (local.get $pb)))',
    ...range(MR).flatMap((r) => [
      `(local.set $a (v128.load32_splat offset=${r * 4} (local.get $pa)))`,
      // One product, then one sum, each rounded to float32: XNNPACK's acc += a * b.
      ...[0, 1].map(
        (v) =>
          `(local.set $c${r}_${v} (f32x4.add (local.get $c${r}_${v}) (f32x4.mul (local.get $a) (local.get $b${v}))))`,
      ),
    ]),
    `(local.set $pa (i32.add (local.get $pa) (i32.const ${MR * 4})))`,
    `(local.set $pb (i32.add (local.get $pb) (i32.const ${NR * 4})))`,
  ].join('\n');
  const store = range(MR)
    .flatMap((r) => [0, 1].map((v) => `(v128.store offset=${v * 16} ${row(r)} (local.get $c${r}_${v}))`))
    .join('\n');
  return `(func $micro (param $pa i32) (param $pb i32) (param $pc i32) (param $ldc i32) (param $kc i32) (param $first i32)
    ${accs.map((a) => `(local ${a} v128)`).join(' ')} (local $b0 v128) (local $b1 v128) (local $a v128)
    (if (local.get $first) (then ${zero}) (else ${load}))
    (loop $k
      ${step}
      (br_if $k (local.tee $kc (i32.sub (local.get $kc) (i32.const 1)))))
    ${store})`;
}

/** The strip of `rows` (<= MR) rows of a from src (row stride lda bytes), kc values of k: dst[k][r], zeros past rows. */
function packAFunction(): string {
  return `(func $packA (param $src i32) (param $lda i32) (param $rows i32) (param $kc i32) (param $dst i32)
    (local $k i32) (local $r i32) (local $from i32)
    (local.set $r (i32.const 0))
    (loop $each_row
      (local.set $from (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $lda))))
      (local.set $k (i32.const 0))
      (loop $each_k
        (f32.store
          (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $k) (i32.const ${MR})) (local.get $r)) (i32.const 2)))
          (if (result f32) (i32.lt_u (local.get $r) (local.get $rows))
            (then (f32.load (i32.add (local.get $from) (i32.shl (local.get $k) (i32.const 2)))))
            (else (f32.const 0))))
        (br_if $each_k (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $kc))))
      (br_if $each_row (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (i32.const ${MR})))))`;
}

/** b (k x n at src) as panels of NR columns: dst[panel][k][col], zeros past n. Full panels copy 8 floats a step. */
function packBFunction(): string {
  return `(func (export "packB") (param $src i32) (param $n i32) (param $k i32) (param $dst i32)
    (local $j i32) (local $q i32) (local $col i32) (local $from i32)
    (local.set $j (i32.const 0))
    (block $done (loop $each_panel
      (br_if $done (i32.ge_u (local.get $j) (local.get $n)))
      (local.set $q (i32.const 0))
      (local.set $from (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))
      (block $panel_done (loop $each_k
        (br_if $panel_done (i32.ge_u (local.get $q) (local.get $k)))
        (if (i32.le_u (i32.add (local.get $j) (i32.const ${NR})) (local.get $n))
          (then
            (v128.store (local.get $dst) (v128.load (local.get $from)))
            (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $from))))
          (else
            (local.set $col (i32.const 0))
            (loop $each_col
              (f32.store (i32.add (local.get $dst) (i32.shl (local.get $col) (i32.const 2)))
                (if (result f32) (i32.lt_u (i32.add (local.get $j) (local.get $col)) (local.get $n))
                  (then (f32.load (i32.add (local.get $from) (i32.shl (local.get $col) (i32.const 2)))))
                  (else (f32.const 0))))
              (br_if $each_col (i32.lt_u (local.tee $col (i32.add (local.get $col) (i32.const 1))) (i32.const ${NR}))))))
        (local.set $dst (i32.add (local.get $dst) (i32.const ${NR * 4})))
        (local.set $from (i32.add (local.get $from) (i32.shl (local.get $n) (i32.const 2))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $each_k)))
      (local.set $j (i32.add (local.get $j) (i32.const ${NR})))
      (br $each_panel))))`;
}

/**
 * Copies the rows x cols corner of a tile between c (row stride ldc bytes) and the edge tile at
 * `edge` (row stride NR floats): to the edge tile when `in` is 1, back to c when 0.
 */
function edgeCopyFunction(): string {
  return `(func $edgeCopy (param $pc i32) (param $ldc i32) (param $edge i32) (param $rows i32) (param $cols i32) (param $in i32)
    (local $r i32) (local $col i32) (local $cell i32) (local $tile i32)
    (local.set $r (i32.const 0))
    (block $done (loop $each_row
      (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $col (i32.const 0))
      (block $row_done (loop $each_col
        (br_if $row_done (i32.ge_u (local.get $col) (local.get $cols)))
        (local.set $cell (i32.add (i32.add (local.get $pc) (i32.mul (local.get $r) (local.get $ldc))) (i32.shl (local.get $col) (i32.const 2))))
        (local.set $tile (i32.add (local.get $edge) (i32.shl (i32.add (i32.mul (local.get $r) (i32.const ${NR})) (local.get $col)) (i32.const 2))))
        (if (local.get $in)
          (then (f32.store (local.get $tile) (f32.load (local.get $cell))))
          (else (f32.store (local.get $cell) (f32.load (local.get $tile)))))
        (local.set $col (i32.add (local.get $col) (i32.const 1)))
        (br $each_col)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $each_row))))`;
}

/** The loops over k blocks, row blocks, panels and strips. */
function gemmFunction(): string {
  return `(func (export "gemm") (param $a i32) (param $b i32) (param $c i32) (param $m i32) (param $k i32) (param $n i32) (param $work i32)
    (local $k0 i32) (local $kc i32) (local $m0 i32) (local $mc i32) (local $t i32) (local $tiles i32) (local $rows i32)
    (local $j i32) (local $cols i32) (local $bp i32) (local $pc i32) (local $strip i32) (local $first i32) (local $edge i32)
    (local $lda i32) (local $ldc i32)
    (local.set $lda (i32.shl (local.get $k) (i32.const 2)))
    (local.set $ldc (i32.shl (local.get $n) (i32.const 2)))
    (local.set $edge (i32.add (local.get $work) (i32.const ${MC * KC * 4})))
    (local.set $k0 (i32.const 0))
    (block $k_done (loop $each_k_block
      (br_if $k_done (i32.ge_u (local.get $k0) (local.get $k)))
      (local.set $kc (select (i32.const ${KC}) (i32.sub (local.get $k) (local.get $k0))
        (i32.lt_u (i32.const ${KC}) (i32.sub (local.get $k) (local.get $k0)))))
      (local.set $first (i32.eqz (local.get $k0)))
      (local.set $m0 (i32.const 0))
      (block $m_done (loop $each_m_block
        (br_if $m_done (i32.ge_u (local.get $m0) (local.get $m)))
        (local.set $mc (select (i32.const ${MC}) (i32.sub (local.get $m) (local.get $m0))
          (i32.lt_u (i32.const ${MC}) (i32.sub (local.get $m) (local.get $m0)))))
        (local.set $tiles (i32.shr_u (i32.add (local.get $mc) (i32.const ${MR - 1})) (i32.const 2)))
        ;; a's strips for this block
        (local.set $t (i32.const 0))
        (loop $each_strip
          (local.set $rows (i32.sub (local.get $mc) (i32.shl (local.get $t) (i32.const 2))))
          (call $packA
            (i32.add (local.get $a) (i32.add
              (i32.mul (i32.add (local.get $m0) (i32.shl (local.get $t) (i32.const 2))) (local.get $lda))
              (i32.shl (local.get $k0) (i32.const 2))))
            (local.get $lda)
            (select (i32.const ${MR}) (local.get $rows) (i32.lt_u (i32.const ${MR}) (local.get $rows)))
            (local.get $kc)
            (i32.add (local.get $work) (i32.mul (local.get $t) (i32.shl (local.get $kc) (i32.const 4)))))
          (br_if $each_strip (i32.lt_u (local.tee $t (i32.add (local.get $t) (i32.const 1))) (local.get $tiles))))
        ;; every panel against every strip
        (local.set $j (i32.const 0))
        (block $n_done (loop $each_panel
          (br_if $n_done (i32.ge_u (local.get $j) (local.get $n)))
          (local.set $cols (select (i32.const ${NR}) (i32.sub (local.get $n) (local.get $j))
            (i32.lt_u (i32.const ${NR}) (i32.sub (local.get $n) (local.get $j)))))
          (local.set $bp (i32.add (local.get $b)
            (i32.shl (i32.add (i32.mul (local.get $j) (local.get $k)) (i32.mul (local.get $k0) (i32.const ${NR}))) (i32.const 2))))
          (local.set $t (i32.const 0))
          (loop $each_tile
            (local.set $rows (i32.sub (local.get $mc) (i32.shl (local.get $t) (i32.const 2))))
            (local.set $strip (i32.add (local.get $work) (i32.mul (local.get $t) (i32.shl (local.get $kc) (i32.const 4)))))
            (local.set $pc (i32.add (local.get $c) (i32.add
              (i32.mul (i32.add (local.get $m0) (i32.shl (local.get $t) (i32.const 2))) (local.get $ldc))
              (i32.shl (local.get $j) (i32.const 2)))))
            (if (i32.and (i32.ge_u (local.get $rows) (i32.const ${MR})) (i32.eq (local.get $cols) (i32.const ${NR})))
              (then (call $micro (local.get $strip) (local.get $bp) (local.get $pc) (local.get $ldc) (local.get $kc) (local.get $first)))
              (else
                (local.set $rows (select (i32.const ${MR}) (local.get $rows) (i32.lt_u (i32.const ${MR}) (local.get $rows))))
                (if (i32.eqz (local.get $first))
                  (then (call $edgeCopy (local.get $pc) (local.get $ldc) (local.get $edge) (local.get $rows) (local.get $cols) (i32.const 1))))
                (call $micro (local.get $strip) (local.get $bp) (local.get $edge) (i32.const ${NR * 4}) (local.get $kc) (local.get $first))
                (call $edgeCopy (local.get $pc) (local.get $ldc) (local.get $edge) (local.get $rows) (local.get $cols) (i32.const 0))))
            (br_if $each_tile (i32.lt_u (local.tee $t (i32.add (local.get $t) (i32.const 1))) (local.get $tiles))))
          (local.set $j (i32.add (local.get $j) (i32.const ${NR})))
          (br $each_panel)))
        (local.set $m0 (i32.add (local.get $m0) (i32.const ${MC})))
        (br $each_m_block)))
      (local.set $k0 (i32.add (local.get $k0) (i32.const ${KC})))
      (br $each_k_block))))`;
}

/** The whole module, importing the memory of the tfjs-backend-wasm instance it works in. */
export function gemmWat(): string {
  return `(module
  (import "env" "memory" (memory 1))
  ${microFunction()}
  ${packAFunction()}
  ${packBFunction()}
  ${edgeCopyFunction()}
  ${gemmFunction()}
)
`;
}
