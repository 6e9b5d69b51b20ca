;; The key scanner's automaton over bytes in linear memory (laid out by key-lines.ts): byte
;; classes at 0 (256 bytes), four hit counts at 0x100, the table at $table. A row is a byte
;; offset into the table. A negative entry means a key ends there: its complement is the next
;; row, and that row's $info column says which key ended and its length. A hit is stored as
;; the key's index in the top 8 bits and where the key starts in the low 24: every key of every
;; line, in order.
(module
  (memory (export "memory") 1)
  (func $hit (param $p i32) (param $row i32) (param $table i32) (param $info i32) (param $out i32) (result i32)
    (local $key i32)
    (local.set $key (i32.load (i32.add (local.get $table) (i32.add (local.get $row) (local.get $info)))))
    (i32.store (local.get $out)
      (i32.or (i32.shl (i32.shr_u (local.get $key) (i32.const 8)) (i32.const 24))
              (i32.sub (i32.add (local.get $p) (i32.const 1)) (i32.and (local.get $key) (i32.const 255)))))
    (i32.add (local.get $out) (i32.const 4)))
  (func $tail (param $p i32) (param $end i32) (param $row i32) (param $table i32) (param $info i32) (param $out i32) (result i32)
    (block $done
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (loop $next
        (local.set $row (i32.load (i32.add (local.get $table) (i32.add (local.get $row) (i32.shl (i32.load8_u (i32.load8_u (local.get $p))) (i32.const 2))))))
        (if (i32.lt_s (local.get $row) (i32.const 0))
          (then
            (local.set $row (i32.xor (local.get $row) (i32.const -1)))
            (local.set $out (call $hit (local.get $p) (local.get $row) (local.get $table) (local.get $info) (local.get $out)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $p) (local.get $end)))))
    (local.get $out))
  ;; Four parts [a,ea) [b,eb) [c,ec) [d,ed), each starting at a line, scanned in one loop so that
  ;; their table lookups overlap: the first $n bytes of each at offset $i, then what is left of
  ;; each on its own. Each part's hits are written from its own $o* on; where they end is stored
  ;; at 0x100, 0x104, 0x108 and 0x10c.
  (func (export "scan") (param $a i32) (param $ea i32) (param $b i32) (param $eb i32) (param $c i32) (param $ec i32) (param $d i32) (param $ed i32)
        (param $table i32) (param $info i32) (param $oa i32) (param $ob i32) (param $oc i32) (param $od i32) (param $n i32)
    (local $ra i32) (local $rb i32) (local $rc i32) (local $rd i32) (local $i i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $ra (i32.load (i32.add (local.get $table) (i32.add (local.get $ra) (i32.shl (i32.load8_u (i32.load8_u (i32.add (local.get $a) (local.get $i)))) (i32.const 2))))))
        (local.set $rb (i32.load (i32.add (local.get $table) (i32.add (local.get $rb) (i32.shl (i32.load8_u (i32.load8_u (i32.add (local.get $b) (local.get $i)))) (i32.const 2))))))
        (local.set $rc (i32.load (i32.add (local.get $table) (i32.add (local.get $rc) (i32.shl (i32.load8_u (i32.load8_u (i32.add (local.get $c) (local.get $i)))) (i32.const 2))))))
        (local.set $rd (i32.load (i32.add (local.get $table) (i32.add (local.get $rd) (i32.shl (i32.load8_u (i32.load8_u (i32.add (local.get $d) (local.get $i)))) (i32.const 2))))))
        (if (i32.lt_s (i32.or (i32.or (local.get $ra) (local.get $rb)) (i32.or (local.get $rc) (local.get $rd))) (i32.const 0))
          (then
            (if (i32.lt_s (local.get $ra) (i32.const 0)) (then (local.set $ra (i32.xor (local.get $ra) (i32.const -1))) (local.set $oa (call $hit (i32.add (local.get $a) (local.get $i)) (local.get $ra) (local.get $table) (local.get $info) (local.get $oa)))))
            (if (i32.lt_s (local.get $rb) (i32.const 0)) (then (local.set $rb (i32.xor (local.get $rb) (i32.const -1))) (local.set $ob (call $hit (i32.add (local.get $b) (local.get $i)) (local.get $rb) (local.get $table) (local.get $info) (local.get $ob)))))
            (if (i32.lt_s (local.get $rc) (i32.const 0)) (then (local.set $rc (i32.xor (local.get $rc) (i32.const -1))) (local.set $oc (call $hit (i32.add (local.get $c) (local.get $i)) (local.get $rc) (local.get $table) (local.get $info) (local.get $oc)))))
            (if (i32.lt_s (local.get $rd) (i32.const 0)) (then (local.set $rd (i32.xor (local.get $rd) (i32.const -1))) (local.set $od (call $hit (i32.add (local.get $d) (local.get $i)) (local.get $rd) (local.get $table) (local.get $info) (local.get $od)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $i) (local.get $n)))))
    (i32.store (i32.const 0x100) (call $tail (i32.add (local.get $a) (local.get $i)) (local.get $ea) (local.get $ra) (local.get $table) (local.get $info) (local.get $oa)))
    (i32.store (i32.const 0x104) (call $tail (i32.add (local.get $b) (local.get $i)) (local.get $eb) (local.get $rb) (local.get $table) (local.get $info) (local.get $ob)))
    (i32.store (i32.const 0x108) (call $tail (i32.add (local.get $c) (local.get $i)) (local.get $ec) (local.get $rc) (local.get $table) (local.get $info) (local.get $oc)))
    (i32.store (i32.const 0x10c) (call $tail (i32.add (local.get $d) (local.get $i)) (local.get $ed) (local.get $rd) (local.get $table) (local.get $info) (local.get $od))))
)
