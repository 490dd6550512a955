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
          (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))))))))))
