package query_cache

import (
	"context"
	"errors"
	"fmt"
	"github.com/sethvargo/go-retry"
	sdkproto "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"log"
	"sync"
	"time"
)

type setRequestState int64

const (
	requestInProgress setRequestState = iota
	requestComplete
	requestError
)

type setRequest struct {
	*CacheRequest
	// other cache requests who are subscribing to this data
	subscribers map[*setRequestSubscriber]struct{}
	requestLock sync.RWMutex
	// flag used by subscribers when getting rows to stream
	state      setRequestState
	pageBuffer []*sdkproto.Row
	// index within the page buffer
	bufferIndex int
	err         error
	cache       *QueryCache

	// with a bound on one scan (maxScanBytes), the scan holds each page in heldPages, for its subscribers, and its
	// encoding in encodedPages, until it ends within the bound and writes them to the cache: cachedBytes counts them
	cachedBytes  int
	encodedPages [][]byte
	// the scan passed the bound: it is not cached, has let go of encodedPages, and holds each page in heldPages
	// until every subscriber has streamed it, then lets go of it (releasedPages counts those)
	uncached      bool
	heldPages     map[int64][]*sdkproto.Row
	releasedPages int
	// a subscriber signals here when it has streamed rows
	progress chan struct{}
}

// errScanNotCached refuses a new subscriber to a scan that is not cached and has let go of some of its rows.
var errScanNotCached = errors.New("the scan is too large to cache and has let go of rows already streamed")

// maxUncachedLagRows is how far an uncached scan may run ahead of its slowest subscriber: it waits beyond that, so
// the rows it holds stay a few pages, whatever the scan's size.
const maxUncachedLagRows = 4 * rowBufferSize

func newSetRequest(req *CacheRequest, cache *QueryCache) *setRequest {
	return &setRequest{
		CacheRequest: req,
		subscribers:  make(map[*setRequestSubscriber]struct{}),
		pageBuffer:   make([]*sdkproto.Row, rowBufferSize),
		cache:        cache,
		state:        requestInProgress,
		heldPages:    make(map[int64][]*sdkproto.Row),
		progress:     make(chan struct{}, 1),
	}
}

func (req *setRequest) isUncached() bool {
	req.requestLock.RLock()
	defer req.requestLock.RUnlock()
	return req.uncached
}

// minStreamed is the count of rows that every subscriber still streaming has streamed (requestLock held).
func (req *setRequest) minStreamed() int {
	streamed := req.rowCount
	for s := range req.subscribers {
		select {
		case <-s.doneChan:
			continue // finished or failed: it reads no more
		default:
		}
		streamed = min(streamed, int(s.streamed.Load()))
	}
	return streamed
}

// waitForSubscribersToCatchUp lets go of the pages of an uncached scan that every subscriber has streamed, and waits
// while the slowest subscriber is more than maxUncachedLagRows behind the scan, so the scan holds a few pages at most.
func (req *setRequest) waitForSubscribersToCatchUp(ctx context.Context) {
	for {
		req.requestLock.Lock()
		if !req.uncached || req.state == requestError {
			req.requestLock.Unlock()
			return
		}
		streamed := req.minStreamed()
		for page := range req.heldPages {
			if int(page+1)*rowBufferSize <= streamed {
				delete(req.heldPages, page)
				req.releasedPages++
			}
		}
		lag := req.rowCount - streamed
		req.requestLock.Unlock()
		if lag <= maxUncachedLagRows {
			return
		}
		select {
		case <-req.progress:
		case <-ctx.Done():
			return
		case <-time.After(10 * time.Millisecond): // a subscriber that left sends nothing
		}
	}
}

func (req *setRequest) subscribe(subscriber *setRequestSubscriber) {
	// note: requestLock must be locked when this is called
	req.subscribers[subscriber] = struct{}{}
}

func (req *setRequest) unsubscribe(subscriber *setRequestSubscriber) {
	// note: requestLock must be locked when this is called
	delete(req.subscribers, subscriber)
}

func (req *setRequest) getBufferedRows() []*sdkproto.Row {
	if req.bufferIndex == 0 {
		return nil
	}
	return req.pageBuffer[:req.bufferIndex]
}

// get result key for the most recent page of the request
func (req *setRequest) getPageResultKey() string {
	return getPageKey(req.resultKeyRoot, int(req.pageCount-1))
}

func (req *setRequest) getPrevPageResultKeys() []string {
	var res []string
	for i := 0; i < int(req.pageCount); i++ {
		res = append(res, getPageKey(req.resultKeyRoot, int(req.pageCount-1)))
	}
	return res
}

// return all rows available after the given row count
func (req *setRequest) getRowsSince(ctx context.Context, rowsAlreadyStreamed int) ([]*sdkproto.Row, error) {
	/*

		[0,1,2,3,4]
		req.rowCount = 5
		req.bufferIndex = 1
		req.pageCount = 0

		CASE 1:	rowsAlreadyStreamed = 0
		startPage = 0    -> rowsAlreadyStreamed / bufferSize
		startOffset = 0  -> rowsAlreadyStreamed % bufferSize

		CASE 2:	rowsAlreadyStreamed = 5
		startPage = 1    -> i.e. all rows already streamedm as startOffset > pakeCOunt
		startOffset = 0 -> rowsAlreadyStreamed % bufferSize



		[0,1,2,3,4] [0,1,2,3,4] [0,1,2,x,x]

		req.rowCount = 13
		req.bufferIndex = 3
		req.pageCount = 2


		CASE 1:	rowsAlreadyStreamed = 0

		startPage = 0    -> rowsAlreadyStreamed / bufferSize
		startOffset = 0  -> rowsAlreadyStreamed % bufferSize

		CASE 2:	rowsAlreadyStreamed = 3

		startPage = 0
		startOffset = 3  -> rowsAlreadyStreamed % bufferSize

		CASE 3:	rowsAlreadyStreamed = 5

		startPage = 1
		startOffset = 0  -> rowsAlreadyStreamed % bufferSize

		CASE 4:	rowsAlreadyStreamed = 8

		startPage = 1
		startOffset = 3  -> rowsAlreadyStreamed % bufferSize

		CASE 5:	rowsAlreadyStreamed = 10

		startPage = (2) -> i.e. no cache page as this is not yet cached
		startOffset = 0  -> rowsAlreadyStreamed % bufferSize


		CASE 5:	rowsAlreadyStreamed = 12

		startPage = (2) -> i.e. no cache page as this is not yet cached
		startOffset = 2  -> rowsAlreadyStreamed % bufferSize

	*/

	startPage := rowsAlreadyStreamed / rowBufferSize
	startOffset := rowsAlreadyStreamed % rowBufferSize

	log.Printf("[TRACE] setRequest getRowsSince rowsAlreadyStreamed: %d, req.pageCount: %d, req.bufferIndex: %d, startPage: %d startOffset: %d, ",
		rowsAlreadyStreamed,
		req.pageCount,
		req.bufferIndex,
		startPage,
		startOffset)

	// if startPage > pageCount this must mean that the buffer is full, but we have already written it all
	// so do nothing
	if startPage > int(req.pageCount) {
		return nil, nil
	}
	// if start page is the current page, this means we do not need any data written to the cache
	// just return rows from page buffer
	if startPage == int(req.pageCount) {
		log.Printf("[TRACE] setRequest getRowsSince returning %d from buffer", req.bufferIndex-startOffset)
		bufferedRows := req.getBufferedRows()
		// apply the start offset
		return bufferedRows[startOffset:], nil
	}

	// so we must load a page the scan has written: one page per call, so that a subscriber far behind the scan
	// decodes one page at a time rather than every page it is behind by
	rows, held := req.heldPages[int64(startPage)]
	if !held {
		// sometimes the cached page is not available to read immediately - retry if needed
		cachedResult, cacheErr := req.readPageFromCacheWithRetries(ctx, startPage)
		if cacheErr != nil {
			return nil, cacheErr
		}
		rows = cachedResult.Rows
	}
	if startOffset >= len(rows) {
		return nil, nil
	}

	log.Printf("[TRACE] setRequest getRowsSince returning %d", len(rows)-startOffset)
	return rows[startOffset:], nil
}

func (req *setRequest) readPageFromCacheWithRetries(ctx context.Context, pageIdx int) (*sdkproto.QueryResult, error) {
	pageKey := getPageKey(req.resultKeyRoot, pageIdx)
	log.Printf("[TRACE] getRowsSince reading page %d key %s", pageIdx, pageKey)

	var cachedResult = &sdkproto.QueryResult{}
	var maxRetries uint64 = 10
	retryBackoff := retry.WithMaxRetries(
		maxRetries,
		retry.NewExponential(10*time.Millisecond),
	)

	retries := 0

	cacheErr := retry.Do(ctx, retryBackoff, func(ctx context.Context) error {
		err := doGet[*sdkproto.QueryResult](ctx, pageKey, req.cache.cache, cachedResult)
		if err != nil {

			if IsCacheMiss(err) {
				retries++

				log.Printf("[INFO] readPageFromCacheWithRetries got a cache miss - retrying (#%d) (%s)", retries, req.CallId)
				err = retry.RetryableError(err)
			} else {
				log.Printf("[WARN] readPageFromCacheWithRetries got error: %s", err.Error())
			}
		}

		return err
	})

	if cacheErr != nil {
		log.Printf("[WARN] getRowsSince failed to read page %d key %s after %d retries: %s (%s)", pageIdx, pageKey, maxRetries, cacheErr.Error(), req.CallId)
		return nil, cacheErr
	}

	log.Printf("[INFO] getRowsSince read page %d after %d %s  - key %s (%s)",
		pageIdx,
		retries,
		pluralizeClient().Pluralize("retry", retries, false),
		pageKey,
		req.CallId)

	return cachedResult, nil
}

func (req *setRequest) waitForSubscribers(ctx context.Context) {
	log.Printf("[INFO] setRequest waitForSubscribers (%s)", req.CallId)

	doneChan := make(chan struct{})
	go func() {
		for subscriber := range req.subscribers {
			log.Printf("[INFO] waiting for subscriber %s (%s)", subscriber.callId, req.CallId)
			err := subscriber.waitUntilDone()
			if err != nil {
				log.Printf("[INFO] subscriber %s had error: %s (%s)", subscriber.callId, err.Error(), req.CallId)
			} else {
				log.Printf("[INFO] subscriber %s done (%s)", subscriber.callId, req.CallId)
			}
		}
		close(doneChan)
	}()

	select {
	case <-ctx.Done():
	case <-doneChan:
	}
}

func (req *setRequest) addRow(row *sdkproto.Row) error {
	req.requestLock.Lock()
	defer func() {
		req.requestLock.Unlock()
	}()

	// if the request has no subscribers, cancel this scan
	if len(req.subscribers) == 0 {
		// lock access to set request
		log.Printf("[INFO] IterateSet NO SUBSCRIBERS! (%s)", req.CallId)
		return NoSubscribersError{}
	}

	// was there an error in a previous iterate
	if req.err != nil {
		log.Printf("[INFO] IterateSet request is in error: %s (%s)", req.err.Error(), req.CallId)
		return req.err
	}

	// set row
	req.pageBuffer[req.bufferIndex] = row
	// update counts
	req.bufferIndex++
	req.rowCount++

	return nil

}

func getPageKey(resultKeyRoot string, pageIdx int) string {
	return fmt.Sprintf("%s-%d", resultKeyRoot, pageIdx)
}
