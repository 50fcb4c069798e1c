package prolific

import (
	"context"
	"slices"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificStudy(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_study",
		Description: "Prolific studies, listed project by project across the workspaces the token can see. The fields " +
			"only the get endpoint returns, such as data_collection_id, cost one request per study.",
		List: &plugin.ListConfig{
			ParentHydrate: listStudyProjects,
			Hydrate:       listProlificStudies,
			KeyColumns: []*plugin.KeyColumn{
				{Name: "workspace_id", Require: plugin.Optional},
				{Name: "project_id", Require: plugin.Optional},
			},
		},
		Get: &plugin.GetConfig{
			Hydrate:    getProlificStudy,
			KeyColumns: plugin.SingleColumn("id"),
		},
		Columns: studyColumns(),
	}
}

func studyColumns() []*plugin.Column {
	type s = study
	detail := func(name string, columnType proto.ColumnType, description string, get func(*s) any) *plugin.Column {
		return hydratedColumn(name, columnType, description+" Read from the study's get endpoint: one request per study.",
			getProlificStudyDetail, get)
	}
	columns := []*plugin.Column{
		column("workspace_id", proto.ColumnType_STRING, "The ID of the workspace the study's project belongs to. Give it to list only that workspace's projects. NULL when the query gives only id.",
			func(s *s) any { return s.workspaceID() }),
		column("project_id", proto.ColumnType_STRING, "The ID of the project the study belongs to. Give it to list only that project's studies.",
			func(s *s) any { return s.projectID() }),
		column("id", proto.ColumnType_STRING, "The unique ID of the study.",
			func(s *s) any { return s.ID.sqlValue() }),
		detail("access_details", proto.ColumnType_JSON, "The external URLs of a Taskflow study and how many places each has.",
			func(s *s) any { return s.AccessDetails.sqlValue() }),
		detail("average_reward_per_hour", proto.ColumnType_DOUBLE, "The average reward per hour paid so far, in minor units of the study's currency.",
			func(s *s) any { return s.AverageRewardPerHour.sqlValue() }),
		detail("completion_codes", proto.ColumnType_JSON, "The completion codes participants can enter, each with its type, actor and actions.",
			func(s *s) any { return s.CompletionCodes.sqlValue() }),
		detail("content_warning_details", proto.ColumnType_STRING, "Details of the study's content warnings.",
			func(s *s) any { return s.ContentWarningDetails.sqlValue() }),
		detail("content_warnings", proto.ColumnType_JSON, "The study's content warnings, such as sensitive or explicit.",
			func(s *s) any { return s.ContentWarnings.sqlValue() }),
		column("credential_pool_id", proto.ColumnType_STRING, "The ID of the credential pool that gives participants login details, if any.",
			func(s *s) any { return s.CredentialPoolID.sqlValue() }),
		detail("currency_code", proto.ColumnType_STRING, "The currency of the study's reward and costs, such as GBP or USD.",
			func(s *s) any { return s.CurrencyCode.sqlValue() }),
		detail("data_collection_id", proto.ColumnType_STRING, "The ID of the AI Task Builder batch or collection the study collects data for; join it to prolific_batch_response.batch_id.",
			func(s *s) any { return s.DataCollectionID.sqlValue() }),
		detail("data_collection_metadata", proto.ColumnType_JSON, "Settings of the data collection, such as annotators_per_task.",
			func(s *s) any { return s.DataCollectionMetadata.sqlValue() }),
		detail("data_collection_method", proto.ColumnType_STRING, "How the study collects data: AI_TASK_BUILDER_BATCH, AI_TASK_BUILDER_COLLECTION, or NULL for an external study.",
			func(s *s) any { return s.DataCollectionMethod.sqlValue() }),
		column("date_created", proto.ColumnType_TIMESTAMP, "The time the study was created.",
			func(s *s) any { return s.DateCreated.sqlValue() }),
		detail("description", proto.ColumnType_STRING, "The study's description shown to participants, in HTML.",
			func(s *s) any { return s.Description.sqlValue() }),
		detail("device_compatibility", proto.ColumnType_JSON, "The devices participants may use: desktop, tablet or mobile.",
			func(s *s) any { return s.DeviceCompatibility.sqlValue() }),
		detail("eligibility_requirements", proto.ColumnType_JSON, "The study's eligibility requirements in their legacy form.",
			func(s *s) any { return s.EligibilityRequirements.sqlValue() }),
		column("estimated_completion_time", proto.ColumnType_DOUBLE, "The estimated time to complete the study, in minutes. A double, as the API types it.",
			func(s *s) any { return s.EstimatedCompletionTime.sqlValue() }),
		detail("estimated_reward_per_hour", proto.ColumnType_DOUBLE, "The estimated reward per hour, in minor units of the study's currency.",
			func(s *s) any { return s.EstimatedRewardPerHour.sqlValue() }),
		detail("external_study_url", proto.ColumnType_STRING, "The URL of the external study participants are sent to.",
			func(s *s) any { return s.ExternalStudyURL.sqlValue() }),
		detail("filter_set_id", proto.ColumnType_STRING, "The ID of the filter set the study's participants are screened with, if any.",
			func(s *s) any { return s.FilterSetID.sqlValue() }),
		detail("filter_set_version", proto.ColumnType_INT, "The version of the filter set.",
			func(s *s) any { return s.FilterSetVersion.sqlValue() }),
		detail("filters", proto.ColumnType_JSON, "The screening filters: select filters with selected_values, range filters with selected_range.",
			func(s *s) any { return s.Filters.sqlValue() }),
		detail("has_credentials", proto.ColumnType_BOOL, "True when the study gives participants credentials from a pool.",
			func(s *s) any { return s.HasCredentials.sqlValue() }),
		column("internal_name", proto.ColumnType_STRING, "The study's internal name, visible only to researchers.",
			func(s *s) any { return s.InternalName.sqlValue() }),
		detail("is_external_study_url_secure", proto.ColumnType_BOOL, "True when the external study URL is signed so participants cannot change it.",
			func(s *s) any { return s.IsExternalStudyURLSecure.sqlValue() }),
		detail("is_pilot", proto.ColumnType_BOOL, "True for a pilot study.",
			func(s *s) any { return s.IsPilot.sqlValue() }),
		column("is_ready_to_publish", proto.ColumnType_BOOL, "True when the study has everything it needs to be published.",
			func(s *s) any { return s.IsReadyToPublish.sqlValue() }),
		detail("is_underpaying", proto.ColumnType_BOOL, "True when the reward is below Prolific's minimum hourly rate.",
			func(s *s) any { return s.IsUnderpaying.sqlValue() }),
		detail("maximum_allowed_time", proto.ColumnType_DOUBLE, "The time a participant has to complete the study before timing out, in minutes. A double, as the API types it.",
			func(s *s) any { return s.MaximumAllowedTime.sqlValue() }),
		detail("metadata", proto.ColumnType_STRING, "Free text the researcher attached to the study.",
			func(s *s) any { return s.Metadata.sqlValue() }),
		detail("naivety_distribution_rate", proto.ColumnType_DOUBLE, "How strongly places go to participants new to studies like this one, from 0 to 1.",
			func(s *s) any { return s.NaivetyDistributionRate.sqlValue() }),
		column("name", proto.ColumnType_STRING, "The study's name shown to participants.",
			func(s *s) any { return s.Name.sqlValue() }),
		column("number_of_submissions", proto.ColumnType_INT, "The number of submissions the study has.",
			func(s *s) any { return s.NumberOfSubmissions.sqlValue() }),
		detail("peripheral_requirements", proto.ColumnType_JSON, "The peripherals participants need: audio, camera, download or microphone.",
			func(s *s) any { return s.PeripheralRequirements.sqlValue() }),
		column("places_taken", proto.ColumnType_INT, "The number of places taken.",
			func(s *s) any { return s.PlacesTaken.sqlValue() }),
		detail("presentment_currency_code", proto.ColumnType_STRING, "The currency the reward is shown to participants in.",
			func(s *s) any { return s.PresentmentCurrencyCode.sqlValue() }),
		detail("prolific_id_option", proto.ColumnType_STRING, "How the study collects participants' Prolific IDs: question, url_parameters or not_required.",
			func(s *s) any { return s.ProlificIDOption.sqlValue() }),
		column("publish_at", proto.ColumnType_TIMESTAMP, "The time the study is scheduled to publish, if it is scheduled.",
			func(s *s) any { return s.PublishAt.sqlValue() }),
		column("published_at", proto.ColumnType_TIMESTAMP, "The time the study was published.",
			func(s *s) any { return s.PublishedAt.sqlValue() }),
		detail("researcher", proto.ColumnType_JSON, "The researcher who owns the study: id, name, email, country and institution.",
			func(s *s) any { return s.Researcher.sqlValue() }),
		column("reward", proto.ColumnType_DOUBLE, "The reward per participant, in minor units of the study's currency (such as pence or cents). A double, as the API types it: it may have a fraction.",
			func(s *s) any { return s.Reward.sqlValue() }),
		detail("started_publishing_at", proto.ColumnType_TIMESTAMP, "The time the study started publishing.",
			func(s *s) any { return s.StartedPublishingAt.sqlValue() }),
		column("status", proto.ColumnType_STRING, "The study's status: UNPUBLISHED, SCHEDULED, PUBLISHING, ACTIVE, AWAITING REVIEW, PAUSED or COMPLETED. PostgreSQL filters on it; the project studies endpoint has no status filter.",
			func(s *s) any { return s.Status.sqlValue() }),
		detail("study_labels", proto.ColumnType_JSON, "Labels describing the kind of study, such as survey, annotation or ai_evaluation.",
			func(s *s) any { return s.StudyLabels.sqlValue() }),
		column("study_type", proto.ColumnType_STRING, "The study's type (deprecated by Prolific): SINGLE, UK_REP_SAMPLE or US_REP_SAMPLE.",
			func(s *s) any { return s.StudyType.sqlValue() }),
		detail("submissions_config", proto.ColumnType_JSON, "Submission settings: max_submissions_per_participant, max_concurrent_submissions and auto_rejection_categories.",
			func(s *s) any { return s.SubmissionsConfig.sqlValue() }),
		titleColumn("The study's internal name when it has one (what researchers see in Prolific's study list), else its public name.",
			func(s *s) any { return firstNonBlank(s.InternalName, s.Name) }),
		column("total_available_places", proto.ColumnType_INT, "The number of places in the study.",
			func(s *s) any { return s.TotalAvailablePlaces.sqlValue() }),
		column("total_cost", proto.ColumnType_DOUBLE, "The study's total cost so far, in minor units of the study's currency, fees and VAT included. A double, as the API types it: it may have a fraction.",
			func(s *s) any { return s.TotalCost.sqlValue() }),
	}
	// The counts and progress columns (study_counts.go) go in alphabetical order after the key columns.
	columns = append(columns, studyCountColumns()...)
	slices.SortStableFunc(columns[3:], func(a, b *plugin.Column) int { return strings.Compare(a.Name, b.Name) })
	return columns
}

//// LIST FUNCTION

// studyPageSize is the page_size asked of a project's studies (documented paging; no maximum is documented).
const studyPageSize = 200

// projectRef is a project whose studies are listed, with its workspace.
type projectRef struct {
	id, workspaceID string
}

// listStudyProjects is the ParentHydrate of prolific_study. With a project_id qual it yields that project, reading
// its workspace from the project's get endpoint; otherwise it yields every project of each workspace (one workspace
// with a workspace_id qual, else every workspace the token can see).
func listStudyProjects(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	projectID, given, err := optionalIDQual(d, "project_id")
	if err != nil {
		return nil, err
	}
	if given {
		p, err := fetchProject(ctx, d, projectID)
		if err != nil || p == nil {
			return nil, err
		}
		d.StreamListItem(ctx, &projectRef{id: projectID, workspaceID: p.Workspace.value})
		return nil, nil
	}
	return nil, forEachWorkspace(ctx, d, func(workspaceID string) error {
		return listProjectsOf(ctx, d, workspaceID, func(p *project) {
			d.StreamListItem(ctx, &projectRef{id: p.ID.value, workspaceID: workspaceID})
		})
	})
}

func listProlificStudies(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	parent, ok := h.Item.(*projectRef)
	if !ok {
		return nil, nil
	}
	if ws, given, _ := optionalIDQual(d, "workspace_id"); given && parent.workspaceID != ws {
		return nil, nil // the project named by project_id is in another workspace
	}
	list, err := projectStudies(parent.id)
	if err != nil {
		return nil, err
	}
	err = streamPages(ctx, d, list, func(s *study) string { return s.ID.value }, func(s *study) { s.parent = *parent })
	if err != nil {
		loggerFrom(ctx).Error("prolific_study.listProlificStudies", "api_error", err, "project_id", parent.id)
	}
	return nil, err
}

// projectStudies is the paged list of one project's studies, which prolific_study and forEachStudy read.
func projectStudies(projectID string) (pagedList, error) {
	path, err := apiPath("/api/v1/projects/%s/studies/", projectID)
	return pagedList{path: path, style: pageNumberPaging, pageSize: studyPageSize, parent: "project " + projectID}, err
}

//// HYDRATE FUNCTIONS

func getProlificStudy(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	s, err := fetchStudy(ctx, d, d.EqualsQualString("id"))
	if err != nil || s == nil {
		return nil, err
	}
	// The study names its project but not its workspace: the project's get endpoint has it.
	if s.Project.value != "" {
		p, err := fetchProject(ctx, d, s.Project.value)
		if err != nil {
			return nil, err
		}
		if p != nil {
			s.parent = projectRef{id: s.Project.value, workspaceID: p.Workspace.value}
		}
	}
	return s, nil
}

// getProlificStudyDetail is the column hydrate of the fields only the get endpoint returns. A row that came from
// the get endpoint already has them.
func getProlificStudyDetail(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	row, ok := h.Item.(*study)
	if !ok {
		return nil, nil
	}
	if row.detailed {
		return row, nil
	}
	s, err := fetchStudy(ctx, d, row.ID.value)
	if s != nil {
		s.parent = row.parent
	}
	return hydrateItem(s, err)
}

func fetchStudy(ctx context.Context, d *plugin.QueryData, id string) (*study, error) {
	s, err := getByID[study](ctx, d, "prolific_study.fetchStudy", "/api/v1/studies/%s/", id)
	if s != nil {
		s.detailed = true // the get endpoint returns every field
	}
	return s, err
}

//// ROW TYPE

// study is a list item (StudyShort) or, with detailed set, the get endpoint's whole study.
type study struct {
	ID                       jsonText   `json:"id"`
	Name                     jsonText   `json:"name"`
	InternalName             jsonText   `json:"internal_name"`
	Status                   jsonText   `json:"status"`
	StudyType                jsonText   `json:"study_type"`
	EstimatedCompletionTime  jsonNumber `json:"estimated_completion_time"`
	TotalAvailablePlaces     jsonInt    `json:"total_available_places"`
	PlacesTaken              jsonInt    `json:"places_taken"`
	NumberOfSubmissions      jsonInt    `json:"number_of_submissions"`
	Reward                   jsonNumber `json:"reward"`
	TotalCost                jsonNumber `json:"total_cost"`
	PublishedAt              jsonTime   `json:"published_at"`
	PublishAt                jsonTime   `json:"publish_at"`
	DateCreated              jsonTime   `json:"date_created"`
	CredentialPoolID         jsonText   `json:"credential_pool_id"`
	IsReadyToPublish         jsonBool   `json:"is_ready_to_publish"`
	Description              jsonText   `json:"description"`
	ExternalStudyURL         jsonText   `json:"external_study_url"`
	ProlificIDOption         jsonText   `json:"prolific_id_option"`
	CompletionCodes          rawJSON    `json:"completion_codes"`
	MaximumAllowedTime       jsonNumber `json:"maximum_allowed_time"`
	DeviceCompatibility      rawJSON    `json:"device_compatibility"`
	PeripheralRequirements   rawJSON    `json:"peripheral_requirements"`
	Filters                  rawJSON    `json:"filters"`
	FilterSetID              jsonText   `json:"filter_set_id"`
	FilterSetVersion         jsonInt    `json:"filter_set_version"`
	NaivetyDistributionRate  jsonNumber `json:"naivety_distribution_rate"`
	Project                  jsonText   `json:"project"`
	SubmissionsConfig        rawJSON    `json:"submissions_config"`
	StudyLabels              rawJSON    `json:"study_labels"`
	ContentWarnings          rawJSON    `json:"content_warnings"`
	ContentWarningDetails    jsonText   `json:"content_warning_details"`
	Metadata                 jsonText   `json:"metadata"`
	HasCredentials           jsonBool   `json:"has_credentials"`
	DataCollectionMethod     jsonText   `json:"data_collection_method"`
	DataCollectionID         jsonText   `json:"data_collection_id"`
	DataCollectionMetadata   rawJSON    `json:"data_collection_metadata"`
	AccessDetails            rawJSON    `json:"access_details"`
	IsExternalStudyURLSecure jsonBool   `json:"is_external_study_url_secure"`
	StartedPublishingAt      jsonTime   `json:"started_publishing_at"`
	AverageRewardPerHour     jsonNumber `json:"average_reward_per_hour"`
	EstimatedRewardPerHour   jsonNumber `json:"estimated_reward_per_hour"`
	CurrencyCode             jsonText   `json:"currency_code"`
	PresentmentCurrencyCode  jsonText   `json:"presentment_currency_code"`
	Researcher               rawJSON    `json:"researcher"`
	IsPilot                  jsonBool   `json:"is_pilot"`
	IsUnderpaying            jsonBool   `json:"is_underpaying"`
	EligibilityRequirements  rawJSON    `json:"eligibility_requirements"`

	parent   projectRef // the project and workspace a listed study came from
	detailed bool       // the row came from the get endpoint
}

func (s *study) projectID() any {
	if s.parent.id != "" {
		return s.parent.id
	}
	return s.Project.sqlValue()
}

func (s *study) workspaceID() any {
	if s.parent.workspaceID != "" {
		return s.parent.workspaceID
	}
	return nil
}
