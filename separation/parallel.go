package separation

import (
	"sync"
	"sync/atomic"
)

// forEach calls fn(i) for every i in [0, n) on up to workers goroutines,
// each taking the next index, and returns when all are done. Each
// goroutine gets its own fn from newFn, for its own scratch buffers. The
// end-of-run steps use it; what they make is used in index order after.
func forEach(n, workers int, newFn func() func(i int)) {
	var next atomic.Int32
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn := newFn()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
