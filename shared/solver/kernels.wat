;; Inner kernels of coordinate descent, with 128-bit SIMD (two doubles per instruction).
;; Pointers are byte offsets into the imported memory; n is a count of doubles.
(module
  (import "env" "memory" (memory 1))

  ;; Σ a[i]·b[i], eight partial sums (two lanes × four accumulators: enough independent adds
  ;; to hide the add latency when the columns are in cache).
  (func (export "dot") (param $a i32) (param $b i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $pa i32) (local $pb i32)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $s f64)
    (local.set $end (i32.and (local.get $n) (i32.const -8)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $pa (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul
        (v128.load (local.get $pa)) (v128.load (local.get $pb)))))
      (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul
        (v128.load offset=16 (local.get $pa)) (v128.load offset=16 (local.get $pb)))))
      (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul
        (v128.load offset=32 (local.get $pa)) (v128.load offset=32 (local.get $pb)))))
      (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.mul
        (v128.load offset=48 (local.get $pa)) (v128.load offset=48 (local.get $pb)))))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $loop)))
    (local.set $acc0 (f64x2.add (f64x2.add (local.get $acc0) (local.get $acc1))
                                (f64x2.add (local.get $acc2) (local.get $acc3))))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
    (block $done2 (loop $tail
      (br_if $done2 (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $s (f64.add (local.get $s) (f64.mul
        (f64.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3))))
        (f64.load (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $tail)))
    (local.get $s))

  ;; y[i] += alpha·x[i]
  (func (export "axpy") (param $y i32) (param $x i32) (param $alpha f64) (param $n i32)
    (local $i i32) (local $end i32) (local $va v128) (local $p i32) (local $q i32)
    (local.set $va (f64x2.splat (local.get $alpha)))
    (local.set $end (i32.and (local.get $n) (i32.const -2)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $p (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $q (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))
      (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p)) (f64x2.mul (local.get $va) (v128.load (local.get $q)))))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br $loop)))
    (if (i32.lt_u (local.get $i) (local.get $n))
      (then
        (local.set $p (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))
        (f64.store (local.get $p) (f64.add (f64.load (local.get $p))
          (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))))))))

  ;; y[i] += alpha·x[i], then Σ z[i]·y[i] over the updated y: one coordinate's residual update
  ;; fused with the next coordinate's gradient, so the residual is read once for both. Each y[i]
  ;; and the sum come out bit-identical to axpy followed by dot.
  (func (export "axpyDot") (param $y i32) (param $x i32) (param $alpha f64) (param $z i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $va v128) (local $ny v128) (local $py i32) (local $px i32) (local $pz i32)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $s f64) (local $v f64)
    (local.set $va (f64x2.splat (local.get $alpha)))
    (local.set $end (i32.and (local.get $n) (i32.const -8)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $py (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $px (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $pz (i32.add (local.get $z) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $ny (f64x2.add (v128.load (local.get $py))
        (f64x2.mul (local.get $va) (v128.load (local.get $px)))))
      (v128.store (local.get $py) (local.get $ny))
      (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (v128.load (local.get $pz)) (local.get $ny))))
      (local.set $ny (f64x2.add (v128.load offset=16 (local.get $py))
        (f64x2.mul (local.get $va) (v128.load offset=16 (local.get $px)))))
      (v128.store offset=16 (local.get $py) (local.get $ny))
      (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (v128.load offset=16 (local.get $pz)) (local.get $ny))))
      (local.set $ny (f64x2.add (v128.load offset=32 (local.get $py))
        (f64x2.mul (local.get $va) (v128.load offset=32 (local.get $px)))))
      (v128.store offset=32 (local.get $py) (local.get $ny))
      (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (v128.load offset=32 (local.get $pz)) (local.get $ny))))
      (local.set $ny (f64x2.add (v128.load offset=48 (local.get $py))
        (f64x2.mul (local.get $va) (v128.load offset=48 (local.get $px)))))
      (v128.store offset=48 (local.get $py) (local.get $ny))
      (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.mul (v128.load offset=48 (local.get $pz)) (local.get $ny))))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $loop)))
    (local.set $acc0 (f64x2.add (f64x2.add (local.get $acc0) (local.get $acc1))
                                (f64x2.add (local.get $acc2) (local.get $acc3))))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
    (block $done2 (loop $tail
      (br_if $done2 (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $py (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $v (f64.add (f64.load (local.get $py))
        (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))))))
      (f64.store (local.get $py) (local.get $v))
      (local.set $s (f64.add (local.get $s) (f64.mul
        (f64.load (i32.add (local.get $z) (i32.shl (local.get $i) (i32.const 3)))) (local.get $v))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $tail)))
    (local.get $s))
  ;; y[i] += alpha·(w[i]·x[i]): a residual update under working weights (IRLS families:
  ;; r −= Δ·ω∘x̃_j), in the order glmnet's Eigen expression rounds it.
  (func (export "waxpy") (param $y i32) (param $x i32) (param $w i32) (param $alpha f64) (param $n i32)
    (local $i i32) (local $end i32) (local $va v128) (local $py i32) (local $px i32) (local $pw i32)
    (local.set $va (f64x2.splat (local.get $alpha)))
    (local.set $end (i32.and (local.get $n) (i32.const -4)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $py (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $px (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $pw (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))
      (v128.store (local.get $py) (f64x2.add (v128.load (local.get $py))
        (f64x2.mul (local.get $va) (f64x2.mul (v128.load (local.get $pw)) (v128.load (local.get $px))))))
      (v128.store offset=16 (local.get $py) (f64x2.add (v128.load offset=16 (local.get $py))
        (f64x2.mul (local.get $va) (f64x2.mul (v128.load offset=16 (local.get $pw)) (v128.load offset=16 (local.get $px))))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $loop)))
    (block $done2 (loop $tail
      (br_if $done2 (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $py (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))
      (f64.store (local.get $py) (f64.add (f64.load (local.get $py))
        (f64.mul (local.get $alpha) (f64.mul
          (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))
          (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $tail))))

  ;; Σ w[i]·x[i]²: a column's curvature under working weights (xv_j = Σ ω·x̃_j²).
  (func (export "wsquares") (param $w i32) (param $x i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $pw i32) (local $px i32) (local $v v128)
    (local $acc0 v128) (local $acc1 v128) (local $s f64) (local $t f64)
    (local.set $end (i32.and (local.get $n) (i32.const -4)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $pw (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $px (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $v (v128.load (local.get $px)))
      (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (v128.load (local.get $pw)) (f64x2.mul (local.get $v) (local.get $v)))))
      (local.set $v (v128.load offset=16 (local.get $px)))
      (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (v128.load offset=16 (local.get $pw)) (f64x2.mul (local.get $v) (local.get $v)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $loop)))
    (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
    (block $done2 (loop $tail
      (br_if $done2 (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $t (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $s (f64.add (local.get $s) (f64.mul
        (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))
        (f64.mul (local.get $t) (local.get $t)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $tail)))
    (local.get $s))

  ;; out[k] = dot(x + k·n, r, n) for k < count: the gradients of many consecutive columns in
  ;; one call (a KKT check over thousands of short columns would otherwise spend much of its
  ;; time crossing from JavaScript into WebAssembly). Each equals the single dot bit for bit.
  (func (export "dots") (param $x i32) (param $n i32) (param $count i32) (param $r i32) (param $out i32)
    (local $k i32)
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
      (f64.store (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3)))
        (call 0 (i32.add (local.get $x) (i32.shl (i32.mul (local.get $k) (local.get $n)) (i32.const 3)))
                (local.get $r) (local.get $n)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $loop))))

  ;; waxpy(y, x, w, alpha, n), then Σ z[i]·y[i] over the updated y: an IRLS coordinate's score
  ;; update fused with the next coordinate's gradient, reading the score once for both. Every
  ;; y[i] and the sum are bit-identical to waxpy followed by dot (same accumulators, same order).
  (func (export "waxpyDot") (param $y i32) (param $x i32) (param $w i32) (param $alpha f64) (param $z i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $va v128) (local $ny v128)
    (local $py i32) (local $px i32) (local $pw i32) (local $pz i32)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $s f64) (local $v f64)
    (local.set $va (f64x2.splat (local.get $alpha)))
    (local.set $end (i32.and (local.get $n) (i32.const -8)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $py (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $px (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $pw (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $pz (i32.add (local.get $z) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $ny (f64x2.add (v128.load (local.get $py))
        (f64x2.mul (local.get $va) (f64x2.mul (v128.load (local.get $pw)) (v128.load (local.get $px))))))
      (v128.store (local.get $py) (local.get $ny))
      (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (v128.load (local.get $pz)) (local.get $ny))))
      (local.set $ny (f64x2.add (v128.load offset=16 (local.get $py))
        (f64x2.mul (local.get $va) (f64x2.mul (v128.load offset=16 (local.get $pw)) (v128.load offset=16 (local.get $px))))))
      (v128.store offset=16 (local.get $py) (local.get $ny))
      (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (v128.load offset=16 (local.get $pz)) (local.get $ny))))
      (local.set $ny (f64x2.add (v128.load offset=32 (local.get $py))
        (f64x2.mul (local.get $va) (f64x2.mul (v128.load offset=32 (local.get $pw)) (v128.load offset=32 (local.get $px))))))
      (v128.store offset=32 (local.get $py) (local.get $ny))
      (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (v128.load offset=32 (local.get $pz)) (local.get $ny))))
      (local.set $ny (f64x2.add (v128.load offset=48 (local.get $py))
        (f64x2.mul (local.get $va) (f64x2.mul (v128.load offset=48 (local.get $pw)) (v128.load offset=48 (local.get $px))))))
      (v128.store offset=48 (local.get $py) (local.get $ny))
      (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.mul (v128.load offset=48 (local.get $pz)) (local.get $ny))))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $loop)))
    (local.set $acc0 (f64x2.add (f64x2.add (local.get $acc0) (local.get $acc1))
                                (f64x2.add (local.get $acc2) (local.get $acc3))))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
    (block $done2 (loop $tail
      (br_if $done2 (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $py (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $v (f64.add (f64.load (local.get $py))
        (f64.mul (local.get $alpha) (f64.mul
          (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))
          (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))))))
      (f64.store (local.get $py) (local.get $v))
      (local.set $s (f64.add (local.get $s) (f64.mul
        (f64.load (i32.add (local.get $z) (i32.shl (local.get $i) (i32.const 3)))) (local.get $v))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $tail)))
    (local.get $s))
)
