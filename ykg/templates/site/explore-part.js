// The explorer's network of plan {{ plan }}: loaded by explore.html when the plan is asked for.
window.ykgExploreAdd({{ part|script_json }});
