package prolific

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificStudyCost(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_study_cost",
		Description: "What a Prolific study costs: participant rewards and bonuses, each with Prolific's fees and tax, in " +
			"minor units of the study's currency. Without study_id, every study the token can see, one request each.",
		List: &plugin.ListConfig{
			ParentHydrate: listCostStudies,
			Hydrate:       listProlificStudyCosts,
			KeyColumns: []*plugin.KeyColumn{
				{Name: "study_id", Require: plugin.Optional},
				{Name: "is_projected", Require: plugin.Optional},
			},
		},
		Columns: studyCostColumns(),
	}
}

func studyCostColumns() []*plugin.Column {
	type c = studyCost
	amount := func(name, description string, get func(*c) jsonNumber) *plugin.Column {
		return column(name, proto.ColumnType_DOUBLE, description+" In minor units of currency_code (such as pence or cents); a double, as the API types it: it may have a fraction.",
			func(c *c) any { return get(c).sqlValue() })
	}
	return []*plugin.Column{
		column("study_id", proto.ColumnType_STRING, "The ID of the study. Give it to read one study's cost; without it the table reads every study the token can see.",
			func(c *c) any { return c.studyID }),
		column("is_projected", proto.ColumnType_BOOL, "False (the default) for the cost so far; give is_projected = true for the cost Prolific projects for the whole study.",
			func(c *c) any { return c.projected }),
		column("bonuses", proto.ColumnType_JSON, "The bonuses breakdown as the API returns it: rewards, fees and tax, each {amount, currency}. NULL when the API sends none.",
			func(c *c) any { return c.Bonuses.sqlValue() }),
		amount("bonuses_amount", "The bonuses paid to participants (bonuses.rewards.amount).",
			func(c *c) jsonNumber { return c.bonuses.Rewards.Amount }),
		amount("bonuses_fees", "Prolific's fees on the bonuses (bonuses.fees.amount).",
			func(c *c) jsonNumber { return c.bonuses.Fees.Amount }),
		amount("bonuses_tax", "The tax, such as VAT, on the bonuses (bonuses.tax.amount).",
			func(c *c) jsonNumber { return c.bonuses.Tax.Amount }),
		column("currency_code", proto.ColumnType_STRING, "The currency of the amounts, such as GBP or USD: the first currency the breakdowns name.",
			func(c *c) any { return c.currency() }),
		column("rewards", proto.ColumnType_JSON, "The rewards breakdown as the API returns it: rewards, fees and tax, each {amount, currency}.",
			func(c *c) any { return c.Rewards.sqlValue() }),
		amount("rewards_amount", "The rewards paid to participants (rewards.rewards.amount).",
			func(c *c) jsonNumber { return c.rewards.Rewards.Amount }),
		amount("rewards_fees", "Prolific's fees on the rewards (rewards.fees.amount).",
			func(c *c) jsonNumber { return c.rewards.Fees.Amount }),
		amount("rewards_tax", "The tax, such as VAT, on the rewards (rewards.tax.amount).",
			func(c *c) jsonNumber { return c.rewards.Tax.Amount }),
	}
}

//// LIST FUNCTION

// studyRef is a study whose cost is read.
type studyRef struct{ id string }

// listCostStudies is the ParentHydrate of prolific_study_cost: the study_id qual without a request, or else every
// study the token can see, workspace by workspace and project by project.
func listCostStudies(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	id, given, err := optionalIDQual(d, "study_id")
	if err != nil {
		return nil, err
	}
	if given {
		d.StreamListItem(ctx, &studyRef{id: id})
		return nil, nil
	}
	return nil, forEachStudy(ctx, d, func(s *study) { d.StreamListItem(ctx, &studyRef{id: s.ID.value}) })
}

func listProlificStudyCosts(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	ref, ok := h.Item.(*studyRef)
	if !ok {
		return nil, nil
	}
	path, err := apiPath("/api/v1/studies/%s/cost/", ref.id)
	if err != nil {
		return nil, err
	}
	projected := false
	var query url.Values
	if q, given := d.EqualsQuals["is_projected"]; given {
		projected = q.GetBoolValue()
		query = url.Values{"is_projected": {"false"}}
		if projected {
			query.Set("is_projected", "true")
		}
	}
	c, err := getObject[studyCost](ctx, d, path, query)
	if err != nil {
		loggerFrom(ctx).Error("prolific_study_cost.listProlificStudyCosts", "api_error", err, "study_id", ref.id)
		return nil, err
	}
	if c != nil {
		c.finish(ref.id, projected)
		d.StreamListItem(ctx, c)
	}
	return nil, nil
}

//// ROW TYPE

// studyCost is the spec's StudyTotalCost: two breakdowns, kept as sent and decoded by finish.
type studyCost struct {
	Rewards rawJSON `json:"rewards"`
	Bonuses rawJSON `json:"bonuses"`

	rewards, bonuses costBreakdown
	studyID          string
	projected        bool
}

// costBreakdown is the spec's StudyCostBreakdown.
type costBreakdown struct {
	Rewards amountAndCurrency `json:"rewards"`
	Fees    amountAndCurrency `json:"fees"`
	Tax     amountAndCurrency `json:"tax"`
}

// amountAndCurrency is the spec's AmountAndCurrency: an amount in minor units, a double.
type amountAndCurrency struct {
	Amount   jsonNumber `json:"amount"`
	Currency jsonText   `json:"currency"`
}

func (c *studyCost) finish(studyID string, projected bool) {
	c.studyID, c.projected = studyID, projected
	for _, b := range []struct {
		raw  rawJSON
		into *costBreakdown
	}{{c.Rewards, &c.rewards}, {c.Bonuses, &c.bonuses}} {
		if len(b.raw) > 0 && b.raw[0] == '{' {
			_ = json.Unmarshal(b.raw, b.into) // liberal fields: nothing here can fail the row
		}
	}
}

func (c *studyCost) currency() any {
	return firstNonBlank(c.rewards.Rewards.Currency, c.rewards.Fees.Currency, c.rewards.Tax.Currency,
		c.bonuses.Rewards.Currency, c.bonuses.Fees.Currency, c.bonuses.Tax.Currency)
}
