-- POST the lesson's three tokens to the michael-jordan forward pass.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"tokens": [{"first:Michael": 1, "last:Jordan": 1}, {"first:Michael": 1, "last:Phelps": 1}, {"first:Alexis": 1, "last:Jordan": 1}], "include": ["activations", "residual"]}'
