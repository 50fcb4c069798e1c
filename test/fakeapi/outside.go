package fakeapi

import (
	"bytes"
	"strconv"
)

// OutsideBatchID is the id under which fakeprolific -outside serves an outside-shape batch of n responses.
func OutsideBatchID(n int) string { return "outside-" + strconv.Itoa(n) }

// OutsideBatch renders a deterministic batch of n responses of the shape that an outside measurement of the official
// Prolific CLI used: short free-text and multiple-choice answers only (one of each in turn, one option chosen),
// about 535 bytes a response, every optional id present, one metadata key, and every value a JSON string, so that
// the official CLI reads it. make bench quotes it beside PeersBatch, whose mix of response types costs the CLI's
// text output more lines a response (docs/development.md, "make bench").
func OutsideBatch(batchID string, n int) []byte {
	var buf bytes.Buffer
	buf.Grow(n * 560)
	g := newSynthesizer(batchID)
	g.outside = true
	_ = g.write(&buf, n)
	return buf.Bytes()
}

var (
	outsideChoices = []string{"Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"}
	outsideTexts   = []string{
		"The second answer is clearer and it cites its own source.",
		"Both are polite, but the first one ignores the question.",
		"Too long: it repeats the whole prompt before getting to it.",
		"Accurate, though the tone is stiff for a customer reply.",
		"It invents a refund policy that the shop never mentioned.",
		"Good summary, though it leaves out only the last paragraph.",
	}
)

// appendOutsideResponse appends response i of OutsideBatch.
func (g *synthesizer) appendOutsideResponse(buf []byte, i int) []byte {
	buf = g.appendIDs(buf, i, true, true)
	buf = append(buf, `,"metadata":{"META_source":"model_`...)
	buf = append(buf, byte('a'+i/3%2))
	buf = append(buf, `"},"schema_version":2,"no_submission":false,"response":{"instruction_id":"`...)
	buf = append(buf, g.instructions[i%3]...)
	if i%2 == 0 {
		buf = append(buf, `","type":"multiple_choice","answer":[{"value":"`...)
		buf = append(buf, outsideChoices[g.rng.IntN(len(outsideChoices))]...)
	} else {
		buf = append(buf, `","type":"free_text","answer":[{"value":"`...)
		buf = append(buf, outsideTexts[g.rng.IntN(len(outsideTexts))]...)
	}
	return append(buf, `"}]}}`...)
}
