package fakeapi

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"time"
)

// SyntheticBatchID is the id under which fakeprolific -synthetic serves a synthetic batch of n responses.
func SyntheticBatchID(n int) string { return "bench-" + strconv.Itoa(n) }

// PeersBatchID is the id under which fakeprolific -peers serves a text-only synthetic batch of n responses.
func PeersBatchID(n int) string { return "peers-" + strconv.Itoa(n) }

// PeersBatch is SyntheticBatch with every metadata and answer value sent as a JSON string, for make bench's
// comparison with other clients: the official Prolific CLI types those values as strings and fails the whole read on
// one number. Shapes, sizes and the mix of response types are the same.
func PeersBatch(batchID string, n int) []byte {
	var buf bytes.Buffer
	buf.Grow(n * 560)
	g := newSynthesizer(batchID)
	g.textOnly = true
	_ = g.write(&buf, n)
	return buf.Bytes()
}

// SyntheticBatch renders a deterministic batch of n responses of the real shape: UUID ids, about 530 bytes each, the
// documented mix of response types, optional fields sometimes absent, and metadata. The same id and n always give
// the same bytes.
func SyntheticBatch(batchID string, n int) []byte {
	var buf bytes.Buffer
	buf.Grow(n * 560)
	_ = WriteSyntheticBatch(&buf, batchID, n)
	return buf.Bytes()
}

// WriteSyntheticBatch writes the body SyntheticBatch returns, without holding it in memory.
func WriteSyntheticBatch(w io.Writer, batchID string, n int) error {
	return newSynthesizer(batchID).write(w, n)
}

func (g *synthesizer) write(w io.Writer, n int) error {
	var buf []byte
	buf = append(buf, `{"results":[`...)
	for i := range n {
		if i > 0 {
			buf = append(buf, ',')
		}
		if g.outside {
			buf = g.appendOutsideResponse(buf, i)
		} else {
			buf = g.appendResponse(buf, i)
		}
		if len(buf) > 64<<10 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	buf = append(buf, `],"meta":{"count":`...)
	buf = strconv.AppendInt(buf, int64(n), 10)
	buf = append(buf, "}}"...)
	_, err := w.Write(buf)
	return err
}

type synthesizer struct {
	rng          *rand.Rand
	batchID      string
	instructions [3]string
	start        time.Time
	textOnly     bool // every metadata and answer value is a JSON string
	outside      bool // OutsideBatch's shape
}

func newSynthesizer(batchID string) *synthesizer {
	seed := uint64(0)
	for _, c := range batchID {
		seed = seed*31 + uint64(c)
	}
	g := &synthesizer{rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)), batchID: batchID,
		start: time.Date(2026, 9, 14, 9, 0, 0, 0, time.UTC)}
	for i := range g.instructions {
		g.instructions[i] = g.uuid()
	}
	return g
}

func (g *synthesizer) uuid() string {
	a, b := g.rng.Uint64(), g.rng.Uint64()
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", a>>32, a>>16&0xffff, a&0xfff, 0x8000|b>>48&0x3fff, b&0xffffffffffff)
}

func (g *synthesizer) hex24() string {
	return fmt.Sprintf("%016x%08x", g.rng.Uint64(), g.rng.Uint32())
}

var syntheticTexts = []string{
	"The product arrived on time and works as described in the listing.",
	"Customer service never replied to my emails about the broken hinge.",
	"It is fine for the price, although the battery life could be better.",
	"Absolutely love it. I bought a second one for my sister last week!",
}

// appendResponse appends response i. Every fourth task has three instructions, so one task yields several rows.
func (g *synthesizer) appendResponse(buf []byte, i int) []byte {
	kind := i % 10
	task := i / 3
	// submission_id, correlation_id and metadata are optional
	buf = g.appendIDs(buf, i, kind != 7, kind != 8)
	if kind != 9 {
		format := `,"metadata":{"META_source":"model_%c","META_row":%d,"META_score":%.2f}`
		if g.textOnly {
			format = `,"metadata":{"META_source":"model_%c","META_row":"%d","META_score":"%.2f"}`
		}
		buf = fmt.Appendf(buf, format, 'a'+rune(task%2), task, g.rng.Float64())
	}
	buf = append(buf, `,"schema_version":2,"no_submission":false,"response":{"instruction_id":"`...)
	buf = append(buf, g.instructions[i%3]...)
	buf = append(buf, `","type":`...)
	switch kind {
	case 0, 1, 2, 3:
		buf = fmt.Appendf(buf, `"multiple_choice","answer":[{"value":"%s"}]`, []string{"positive", "negative", "neutral"}[g.rng.IntN(3)])
	case 4:
		format := `"multiple_choice","answer":[{"value":%d}]`
		if g.textOnly {
			format = `"multiple_choice","answer":[{"value":"%d"}]`
		}
		buf = fmt.Appendf(buf, format, 1+g.rng.IntN(5))
	case 5, 9:
		buf = fmt.Appendf(buf, `"free_text","answer":[{"value":%q}]`, syntheticTexts[g.rng.IntN(len(syntheticTexts))])
	case 6:
		buf = fmt.Appendf(buf, `"free_text_with_unit","answer":[{"value":"%d","unit":"cm"}]`, 150+g.rng.IntN(50))
	case 7:
		buf = fmt.Appendf(buf, `"multiple_choice_with_free_text","answer":[{"value":"accurate","explanation":%q}]`, syntheticTexts[g.rng.IntN(len(syntheticTexts))])
	case 8:
		buf = fmt.Appendf(buf, `"file_upload","answer":[{"file_key":"uploads/%d/photo.jpg","file_name":"photo.jpg","file_size_mb":%.1f,"content_type":"image/jpeg"}]`, i, 0.5+g.rng.Float64()*3)
	}
	return append(buf, "}}"...)
}

// appendIDs opens response i and appends its ids and creation time, each optional id when asked for.
func (g *synthesizer) appendIDs(buf []byte, i int, withSubmission, withCorrelation bool) []byte {
	task := i / 3
	buf = append(buf, `{"id":"`...)
	buf = append(buf, g.uuid()...)
	buf = append(buf, `","created_at":"`...)
	buf = g.start.Add(time.Duration(i)*1370*time.Millisecond).AppendFormat(buf, "2006-01-02T15:04:05.000Z")
	buf = append(buf, `","batch_id":"`...)
	buf = append(buf, g.batchID...)
	buf = append(buf, `","participant_id":"`...)
	buf = append(buf, g.hex24()...)
	if withSubmission {
		buf = append(buf, `","submission_id":"`...)
		buf = append(buf, g.hex24()...)
	}
	buf = append(buf, `","task_id":"`...)
	buf = fmt.Appendf(buf, "%08x-0000-4000-8000-%012x", task, task)
	if withCorrelation {
		buf = append(buf, `","correlation_id":"`...)
		buf = append(buf, g.uuid()...)
	}
	return append(buf, '"')
}
