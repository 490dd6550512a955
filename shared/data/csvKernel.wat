;; The byte reader's inner loop (byteCsv.ts): splits records of a known width into cells and
;; reads plain decimals into doubles, a block of records per call, with no string made.
;;
;; It reads exactly what ByteCsvReader.record reads the same way and stops, before the record,
;; at anything that reader treats otherwise (a record of another width, a byte past ASCII, a
;; quote inside a cell or text after a closing quote, a CR inside quotes, a line ending other
;; than the file's, a quoted cell not closed before `limit`), so that record goes through the
;; JavaScript reader, which makes the same decision it always made.
;;
;; A cell is a NUMBER (0) when its bytes are a plain decimal read exactly (fastNumber.ts's
;; rules: the digits as one integer below 2^53, a power of ten at most 22 in size, so one IEEE
;; multiply or divide rounds correctly), TEXT (1) for any other unquoted cell, QUOTED (2) or
;; QUOTED_PAIRS (3, with doubled quotes inside) for a quoted one, whose bytes are then those
;; between its quotes.
;;
;; Output, column by column (cell (r, j) at index j·cap + r): kinds (u8), starts and ends
;; (i32 byte offsets), values (f64, NUMBER cells only), hashes (i32, the FNV-1a hash of the
;; bytes of every other cell, and of every cell of a column with a level table), outcomes (i32,
;; what that table holds for the cell's bytes, or -2); others[j] (i32) counts column j's cells
;; that are not NUMBER. tables[j] is column j's level table's address, or 0.
(module
  (memory (export "memory") 1)
  ;; Where the record after the last one a call read starts (see block).
  (global $stop (export "stop") (mut i32) (i32.const 0))

  ;; The table of 10^0 … 10^22 as doubles at address 0 (each exact).
  (func (export "init")
    (local $k i32) (local $power f64)
    (local.set $power (f64.const 1))
    (loop $next
      (f64.store (i32.shl (local.get $k) (i32.const 3)) (local.get $power))
      (local.set $power (f64.mul (local.get $power) (f64.const 10)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $next (i32.le_u (local.get $k) (i32.const 22)))))

  ;; The outcome the level table at `table` holds for bytes [start, end) of hash `hash`, or -2:
  ;; open addressing, slots of hash, bytes' address, length (-1: empty) and outcome, after the
  ;; table's mask (csvKernel.ts's LevelTable writes them).
  (func $find (param $table i32) (param $hash i32) (param $start i32) (param $end i32) (result i32)
    (local $mask i32) (local $slot i32) (local $at i32) (local $length i32) (local $from i32) (local $k i32)
    (local.set $mask (i32.load (local.get $table)))
    (local.set $slot (i32.and (local.get $hash) (local.get $mask)))
    (loop $probe
      (local.set $at (i32.add (i32.add (local.get $table) (i32.const 8)) (i32.shl (local.get $slot) (i32.const 4))))
      (local.set $length (i32.load offset=8 (local.get $at)))
      (if (i32.lt_s (local.get $length) (i32.const 0)) (then (return (i32.const -2))))
      (if (i32.and (i32.eq (i32.load (local.get $at)) (local.get $hash))
                   (i32.eq (local.get $length) (i32.sub (local.get $end) (local.get $start))))
        (then
          (local.set $from (i32.load offset=4 (local.get $at)))
          (local.set $k (i32.const 0))
          (block $differ (loop $compare
            (if (i32.ge_u (local.get $k) (local.get $length))
              (then (return (i32.load offset=12 (local.get $at)))))
            (br_if $differ (i32.ne (i32.load8_u (i32.add (local.get $from) (local.get $k)))
                                   (i32.load8_u (i32.add (local.get $start) (local.get $k)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $compare)))))
      (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
      (br $probe))
    (i32.const -2))

  ;; Whether the digits in [from, to) (a point among them skipped) make an integer of 2^53 or
  ;; more: a number's digits read again when there are too many for 64 bits to hold them.
  (func $digitsPast53 (param $from i32) (param $to i32) (result i32)
    (local $m i64) (local $d i32)
    (block $done (loop $digit
      (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
      (local.set $d (i32.sub (i32.load8_u (local.get $from)) (i32.const 0x30)))
      (if (i32.le_u (local.get $d) (i32.const 9))
        (then
          (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
          (if (i64.ge_u (local.get $m) (i64.const 0x20000000000000)) (then (return (i32.const 1))))))
      (local.set $from (i32.add (local.get $from) (i32.const 1)))
      (br $digit)))
    (i32.const 0))

  ;; Records from byte p, while p < limit (just past a line feed) and fewer than cap are read;
  ;; returns how many, and sets stop to where the next record starts.
  (func (export "block")
    (param $p i32) (param $limit i32) (param $width i32) (param $cap i32)
    (param $delimiter i32) (param $crlf i32)
    (param $kinds i32) (param $starts i32) (param $ends i32) (param $values i32) (param $hashes i32)
    (param $outcomes i32) (param $others i32) (param $tables i32)
    (result i32)
    (local $records i32) (local $recordStart i32) (local $j i32) (local $cell i32)
    (local $start i32) (local $end i32) (local $c i32) (local $d i32) (local $kind i32)
    (local $q i32) (local $negative i32) (local $m i64) (local $big i32) (local $seen i32)
    (local $fraction i32) (local $exponent i32) (local $e i32) (local $sign i32)
    (local $number i32) (local $value f64)
    (local $hash i32) (local $table i32)
    ;; others[j] = 0
    (block $zeroed (loop $zero
      (br_if $zeroed (i32.ge_u (local.get $j) (local.get $width)))
      (i32.store (i32.add (local.get $others) (i32.shl (local.get $j) (i32.const 2))) (i32.const 0))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $zero)))
    (global.set $stop (local.get $p))
    (block $bail
    (block $done
    (loop $record
      (br_if $done (i32.ge_u (local.get $records) (local.get $cap)))
      (br_if $done (i32.ge_u (local.get $p) (local.get $limit)))
      (local.set $recordStart (local.get $p))
      (local.set $j (i32.const 0))
      (loop $cells
        (local.set $cell (i32.add (i32.mul (local.get $j) (local.get $cap)) (local.get $records)))
        (local.set $start (local.get $p))
        (local.set $c (i32.load8_u (local.get $p)))
        (if (i32.eq (local.get $c) (i32.const 0x22))
          (then
            ;; A quoted cell: to its closing quote (a doubled quote is one quote of its text).
            (local.set $kind (i32.const 2))
            (local.set $q (i32.add (local.get $p) (i32.const 1)))
            (block $closed (loop $scan
              (br_if $bail (i32.ge_u (local.get $q) (local.get $limit)))
              (local.set $c (i32.load8_u (local.get $q)))
              (br_if $bail (i32.ge_u (local.get $c) (i32.const 0x80)))
              (br_if $bail (i32.eq (local.get $c) (i32.const 0x0d)))
              (if (i32.eq (local.get $c) (i32.const 0x22))
                (then
                  (br_if $closed (i32.ne (i32.load8_u offset=1 (local.get $q)) (i32.const 0x22)))
                  (local.set $kind (i32.const 3))
                  (local.set $q (i32.add (local.get $q) (i32.const 2)))
                  (br $scan)))
              (local.set $q (i32.add (local.get $q) (i32.const 1)))
              (br $scan)))
            (local.set $start (i32.add (local.get $p) (i32.const 1)))
            (local.set $end (local.get $q))
            (local.set $p (i32.add (local.get $q) (i32.const 1)))
            (local.set $c (i32.load8_u (local.get $p)))
            (br_if $bail (i32.and
              (i32.ne (local.get $c) (local.get $delimiter))
              (i32.and (i32.ne (local.get $c) (i32.const 0x0a)) (i32.ne (local.get $c) (i32.const 0x0d))))))
          (else
            ;; A plain decimal, read as it is scanned: sign, digits, point, digits, exponent.
            ;; The sign without a branch (half of a column's numbers may be negative, at random).
            (local.set $negative (i32.eq (local.get $c) (i32.const 0x2d)))
            (local.set $p (i32.add (local.get $p)
              (i32.or (local.get $negative) (i32.eq (local.get $c) (i32.const 0x2b)))))
            (local.set $m (i64.const 0))
            (local.set $q (local.get $p))
            ;; Past 2^53 the digits no longer make an exact double (m is then not used, so
            ;; it may wrap).
            (local.set $d (i32.sub (i32.load8_u (local.get $p)) (i32.const 0x30)))
            (block $integerEnd (loop $integer
              (br_if $integerEnd (i32.gt_u (local.get $d) (i32.const 9)))
              (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (local.set $d (i32.sub (i32.load8_u (local.get $p)) (i32.const 0x30)))
              (br $integer)))
            (local.set $seen (i32.sub (local.get $p) (local.get $q)))
            (local.set $exponent (i32.const 0))
            (if (i32.eq (local.get $d) (i32.const -2))
              (then
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (local.set $fraction (local.get $p))
                (local.set $d (i32.sub (i32.load8_u (local.get $p)) (i32.const 0x30)))
                ;; Two digits a step where there are two: one multiply-add on m per pair.
                (block $fractionDigitsEnd (loop $fractionDigits
                  (br_if $fractionDigitsEnd (i32.gt_u (local.get $d) (i32.const 9)))
                  (local.set $e (i32.sub (i32.load8_u offset=1 (local.get $p)) (i32.const 0x30)))
                  (if (i32.gt_u (local.get $e) (i32.const 9))
                    (then
                      (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
                      (local.set $p (i32.add (local.get $p) (i32.const 1)))
                      (local.set $d (local.get $e))
                      (br $fractionDigitsEnd)))
                  (local.set $m (i64.add (i64.mul (local.get $m) (i64.const 100))
                    (i64.extend_i32_u (i32.add (i32.mul (local.get $d) (i32.const 10)) (local.get $e)))))
                  (local.set $p (i32.add (local.get $p) (i32.const 2)))
                  (local.set $d (i32.sub (i32.load8_u (local.get $p)) (i32.const 0x30)))
                  (br $fractionDigits)))
                (local.set $exponent (i32.sub (local.get $fraction) (local.get $p)))
                (local.set $seen (i32.add (local.get $seen) (i32.sub (local.get $p) (local.get $fraction))))))
            ;; Up to 19 digits m is exact in 64 bits, so one comparison tells whether it passes
            ;; 2^53; past that it may have wrapped, and the digits are read again ($digitsPast53).
            (local.set $big (i64.ge_u (local.get $m) (i64.const 0x20000000000000)))
            (if (i32.gt_u (local.get $seen) (i32.const 19))
              (then (local.set $big (call $digitsPast53 (local.get $q) (local.get $p)))))
            (local.set $number (i32.and (i32.ne (local.get $seen) (i32.const 0)) (i32.eqz (local.get $big))))
            (if (i32.and (local.get $number)
                  (i32.eq (i32.or (local.get $d) (i32.const 0x20)) (i32.const 0x35))) ;; 'e' or 'E'
              (then
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (local.set $c (i32.load8_u (local.get $p)))
                (local.set $sign (i32.const 1))
                (if (i32.or (i32.eq (local.get $c) (i32.const 0x2d)) (i32.eq (local.get $c) (i32.const 0x2b)))
                  (then
                    (if (i32.eq (local.get $c) (i32.const 0x2d)) (then (local.set $sign (i32.const -1))))
                    (local.set $p (i32.add (local.get $p) (i32.const 1)))))
                (local.set $d (i32.sub (i32.load8_u (local.get $p)) (i32.const 0x30)))
                (if (i32.gt_u (local.get $d) (i32.const 9))
                  (then (local.set $number (i32.const 0)))
                  (else
                    (local.set $e (i32.const 0))
                    (block $exponentEnd (loop $exponentDigits
                      (br_if $exponentEnd (i32.gt_u (local.get $d) (i32.const 9)))
                      (if (i32.lt_u (local.get $e) (i32.const 100000))
                        (then (local.set $e (i32.add (i32.mul (local.get $e) (i32.const 10)) (local.get $d)))))
                      (local.set $p (i32.add (local.get $p) (i32.const 1)))
                      (local.set $d (i32.sub (i32.load8_u (local.get $p)) (i32.const 0x30)))
                      (br $exponentDigits)))
                    (local.set $exponent (i32.add (local.get $exponent) (i32.mul (local.get $sign) (local.get $e))))))))
            (local.set $c (i32.load8_u (local.get $p)))
            (if (local.get $number)
              (then
                (if (i64.eqz (local.get $m))
                  (then (local.set $value (f64.const 0)))
                  (else (if (i32.ge_s (local.get $exponent) (i32.const 0))
                    (then
                      (if (i32.gt_s (local.get $exponent) (i32.const 22))
                        (then (local.set $number (i32.const 0)))
                        (else (local.set $value (f64.mul (f64.convert_i64_u (local.get $m))
                          (f64.load (i32.shl (local.get $exponent) (i32.const 3))))))))
                    (else
                      (if (i32.lt_s (local.get $exponent) (i32.const -22))
                        (then (local.set $number (i32.const 0)))
                        (else (local.set $value (f64.div (f64.convert_i64_u (local.get $m))
                          (f64.load (i32.shl (i32.sub (i32.const 0) (local.get $exponent)) (i32.const 3)))))))))))
                (local.set $value (select (f64.neg (local.get $value)) (local.get $value) (local.get $negative)))))
            ;; The cell is that number only if it ends right there.
            (if (i32.and (local.get $number)
                  (i32.or (i32.eq (local.get $c) (local.get $delimiter))
                          (i32.or (i32.eq (local.get $c) (i32.const 0x0a)) (i32.eq (local.get $c) (i32.const 0x0d)))))
              (then
                (local.set $kind (i32.const 0))
                (f64.store (i32.add (local.get $values) (i32.shl (local.get $cell) (i32.const 3))) (local.get $value)))
              (else
                ;; Text, to the end of the cell (at a line feed before `limit` at the latest).
                (local.set $kind (i32.const 1))
                (block $textEnd (loop $text
                  (br_if $textEnd (i32.eq (local.get $c) (local.get $delimiter)))
                  (br_if $textEnd (i32.eq (local.get $c) (i32.const 0x0a)))
                  (br_if $textEnd (i32.eq (local.get $c) (i32.const 0x0d)))
                  (br_if $bail (i32.eq (local.get $c) (i32.const 0x22)))
                  (br_if $bail (i32.ge_u (local.get $c) (i32.const 0x80)))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (local.set $c (i32.load8_u (local.get $p)))
                  (br $text)))))
            (local.set $end (local.get $p))))
        ;; A record wider than the columns: the JavaScript reader's.
        (br_if $bail (i32.ge_u (local.get $j) (local.get $width)))
        (i32.store8 (i32.add (local.get $kinds) (local.get $cell)) (local.get $kind))
        (i32.store (i32.add (local.get $starts) (i32.shl (local.get $cell) (i32.const 2))) (local.get $start))
        (i32.store (i32.add (local.get $ends) (i32.shl (local.get $cell) (i32.const 2))) (local.get $end))
        (if (local.get $kind)
          (then
            (i32.store (i32.add (local.get $others) (i32.shl (local.get $j) (i32.const 2)))
              (i32.add (i32.load (i32.add (local.get $others) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 1)))))
        (local.set $table (i32.load (i32.add (local.get $tables) (i32.shl (local.get $j) (i32.const 2)))))
        (if (i32.or (local.get $kind) (local.get $table))
          (then
            ;; Its bytes' FNV-1a hash (textCache.ts's), to look the text up by.
            (local.set $hash (i32.const 0x811c9dc5))
            (local.set $q (local.get $start))
            (block $hashed (loop $hashing
              (br_if $hashed (i32.ge_u (local.get $q) (local.get $end)))
              (local.set $hash (i32.mul (i32.xor (local.get $hash) (i32.load8_u (local.get $q))) (i32.const 0x01000193)))
              (local.set $q (i32.add (local.get $q) (i32.const 1)))
              (br $hashing)))
            (i32.store (i32.add (local.get $hashes) (i32.shl (local.get $cell) (i32.const 2))) (local.get $hash))
            (if (local.get $table)
              (then (i32.store (i32.add (local.get $outcomes) (i32.shl (local.get $cell) (i32.const 2)))
                (call $find (local.get $table) (local.get $hash) (local.get $start) (local.get $end)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (if (i32.eq (local.get $c) (local.get $delimiter))
          (then
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $cells))))
      ;; The line ending: the record must be as wide as the columns, its ending the file's.
      (br_if $bail (i32.ne (local.get $j) (local.get $width)))
      (if (i32.eq (local.get $c) (i32.const 0x0a))
        (then
          (br_if $bail (local.get $crlf))
          (local.set $p (i32.add (local.get $p) (i32.const 1))))
        (else
          (br_if $bail (i32.eqz (local.get $crlf)))
          (br_if $bail (i32.ne (i32.load8_u offset=1 (local.get $p)) (i32.const 0x0a)))
          (local.set $p (i32.add (local.get $p) (i32.const 2)))))
      (local.set $records (i32.add (local.get $records) (i32.const 1)))
      (global.set $stop (local.get $p))
      (br $record)))
    (return (local.get $records)))
    ;; Stopped inside a record: its cells so far are uncounted.
    (local.set $q (i32.const 0))
    (block $undone (loop $undo
      (br_if $undone (i32.ge_u (local.get $q) (local.get $j)))
      (if (i32.load8_u (i32.add (local.get $kinds) (i32.add (i32.mul (local.get $q) (local.get $cap)) (local.get $records))))
        (then (i32.store (i32.add (local.get $others) (i32.shl (local.get $q) (i32.const 2)))
          (i32.sub (i32.load (i32.add (local.get $others) (i32.shl (local.get $q) (i32.const 2)))) (i32.const 1)))))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $undo)))
    (local.get $records))
)
