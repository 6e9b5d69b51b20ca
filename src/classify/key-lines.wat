(module
  (memory (export "memory") 1)
  ;; The key scanner's automaton over bytes in linear memory (laid out by key-lines.ts): byte
  ;; classes at 0 (256 bytes), four hit counts at 0x100, the table at $table. A row is a byte
  ;; offset into the table; a negative entry means a key ends there, and is minus its length: the
  ;; hit stored is where the key starts. After a key a part takes the $skip row, which only a line
  ;; break leaves: one hit per line.
  (func $tail (param $p i32) (param $end i32) (param $row i32) (param $table i32) (param $skip i32) (param $out i32) (result i32)
    (block $done
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (loop $next
        (local.set $row (i32.load (i32.add (local.get $table) (i32.add (local.get $row) (i32.shl (i32.load8_u (i32.load8_u (local.get $p))) (i32.const 2))))))
        (if (i32.lt_s (local.get $row) (i32.const 0))
          (then
            (i32.store (local.get $out) (i32.add (local.get $p) (i32.add (local.get $row) (i32.const 1))))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (local.set $row (local.get $skip))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $p) (local.get $end)))))
    (local.get $out))
  ;; Four parts [a,ea) [b,eb) [c,ec) [d,ed), each starting at a line, scanned in one loop so that
  ;; their table lookups overlap: the first $n bytes of each at offset $i, then what is left of
  ;; each on its own. Each part's hits are written from its own $o* on; where they end is stored
  ;; at 0x100, 0x104, 0x108 and 0x10c.
  (func (export "scan") (param $a i32) (param $ea i32) (param $b i32) (param $eb i32) (param $c i32) (param $ec i32) (param $d i32) (param $ed i32)
        (param $table i32) (param $skip i32) (param $oa i32) (param $ob i32) (param $oc i32) (param $od i32) (param $n i32)
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
            (if (i32.lt_s (local.get $ra) (i32.const 0)) (then (i32.store (local.get $oa) (i32.add (i32.add (local.get $a) (local.get $i)) (i32.add (local.get $ra) (i32.const 1)))) (local.set $oa (i32.add (local.get $oa) (i32.const 4))) (local.set $ra (local.get $skip))))
            (if (i32.lt_s (local.get $rb) (i32.const 0)) (then (i32.store (local.get $ob) (i32.add (i32.add (local.get $b) (local.get $i)) (i32.add (local.get $rb) (i32.const 1)))) (local.set $ob (i32.add (local.get $ob) (i32.const 4))) (local.set $rb (local.get $skip))))
            (if (i32.lt_s (local.get $rc) (i32.const 0)) (then (i32.store (local.get $oc) (i32.add (i32.add (local.get $c) (local.get $i)) (i32.add (local.get $rc) (i32.const 1)))) (local.set $oc (i32.add (local.get $oc) (i32.const 4))) (local.set $rc (local.get $skip))))
            (if (i32.lt_s (local.get $rd) (i32.const 0)) (then (i32.store (local.get $od) (i32.add (i32.add (local.get $d) (local.get $i)) (i32.add (local.get $rd) (i32.const 1)))) (local.set $od (i32.add (local.get $od) (i32.const 4))) (local.set $rd (local.get $skip))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $i) (local.get $n)))))
    (i32.store (i32.const 0x100) (call $tail (i32.add (local.get $a) (local.get $i)) (local.get $ea) (local.get $ra) (local.get $table) (local.get $skip) (local.get $oa)))
    (i32.store (i32.const 0x104) (call $tail (i32.add (local.get $b) (local.get $i)) (local.get $eb) (local.get $rb) (local.get $table) (local.get $skip) (local.get $ob)))
    (i32.store (i32.const 0x108) (call $tail (i32.add (local.get $c) (local.get $i)) (local.get $ec) (local.get $rc) (local.get $table) (local.get $skip) (local.get $oc)))
    (i32.store (i32.const 0x10c) (call $tail (i32.add (local.get $d) (local.get $i)) (local.get $ed) (local.get $rd) (local.get $table) (local.get $skip) (local.get $od))))
)
